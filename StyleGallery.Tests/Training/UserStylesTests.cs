using StyleGallery.Engine.Training;

namespace StyleGallery.Tests.Training;

public sealed class UserStylesTests : IDisposable
{
    private readonly string _models = Path.Combine(Path.GetTempPath(), "sg-user-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_models)) Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public void A_registered_network_is_listed_and_one_without_sidecar_is_not()
    {
        var styles = new UserStyles(_models);
        Assert.Empty(styles.List());
        Directory.CreateDirectory(styles.Folder);
        File.WriteAllBytes(styles.PathOf("my-scream"), [1, 2, 3]);
        File.WriteAllBytes(styles.PathOf("half-written"), [1]);
        var entry = styles.Register("my-scream", "My Scream", "scream.jpg", 1500);

        var listed = Assert.Single(styles.List());
        Assert.Equal(entry, listed);
        Assert.Equal("my-scream.safetensors", listed.FileName);
        Assert.Equal(Path.Combine(_models, "user", "my-scream.safetensors"), styles.PathOf("my-scream"));
        Assert.True(styles.Contains("my-scream"));
        Assert.False(styles.Contains("half-written"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("Upper")]
    [InlineData("with space")]
    public void Ids_must_be_lowercase_slugs(string id) =>
        Assert.Throws<InvalidUserStyleException>(() => new UserStyles(_models).PathOf(id));

    [Fact]
    public void Registering_without_a_network_is_refused() =>
        Assert.Throws<InvalidUserStyleException>(() => new UserStyles(_models).Register("ghost", "Ghost", "x.jpg", 1));
}
