using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class GatysCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_tiny_run_writes_the_picture_and_the_requested_snapshots()
    {
        var content = _cli.Photo("content.png", 96, 64);
        var output = Path.Combine(_cli.Root, "out", "painting.png");

        var (code, stdout, stderr) = await _cli.Run("gatys", "--content", content, "--style", SharedData.Style("starry_night.jpg"),
            "--size", "48", "--iters", "4", "--save-every", "2", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        Assert.Equal((48, 32), Size(ImageDecoder.DecodeFile(output)));
        Assert.True(File.Exists(Path.Combine(_cli.Root, "out", "painting_0002.png")));
        Assert.True(File.Exists(Path.Combine(_cli.Root, "out", "painting_0004.png")));
    }

    [Theory]
    [InlineData("--iters", "-3", "Iterations")]
    [InlineData("--preset", "monet", "Unknown preset 'monet'")]
    [InlineData("--style-weights", "0.5,0.5", "2 weights for 1 style")]
    public async Task Invalid_options_exit_2_with_a_clear_message(string option, string value, string expected)
    {
        var content = _cli.Photo("content.png");

        var (code, _, stderr) = await _cli.Run("gatys", "--content", content, "--style", SharedData.Style("starry_night.jpg"),
            "--out", Path.Combine(_cli.Root, "o.png"), option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task A_preset_needing_layers_the_weights_lack_is_refused_with_the_reason()
    {
        var content = _cli.Photo("content.png");

        var (code, _, stderr) = await _cli.Run("gatys", "--content", content, "--style", SharedData.Style("starry_night.jpg"),
            "--preset", "johnson", "--size", "32", "--iters", "1", "--out", Path.Combine(_cli.Root, "o.png"));

        Assert.Equal(2, code);
        Assert.Contains("conv3_3", stderr);
    }

    [Fact]
    public async Task A_missing_style_image_exits_3()
    {
        var content = _cli.Photo("content.png");

        var (code, _, stderr) = await _cli.Run("gatys", "--content", content, "--style", Path.Combine(_cli.Root, "missing.jpg"),
            "--out", Path.Combine(_cli.Root, "o.png"));

        Assert.Equal(3, code);
        Assert.Contains("missing.jpg", stderr);
    }

    private static (int, int) Size(RgbImage image) => (image.Width, image.Height);
}
