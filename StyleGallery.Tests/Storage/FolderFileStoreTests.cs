using StyleGallery.Engine.Storage;

namespace StyleGallery.Tests.Storage;

public sealed class FolderFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sg-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Files_are_written_whole_read_back_by_key_and_deleted_alone_or_by_folder()
    {
        var store = new FolderFileStore(_root);

        store.Write("results/a.png", [1, 2, 3]);
        await store.WriteAsync("engine/jobs/j/result.png", new byte[] { 4, 5 });
        store.Write("results/a.png", [9]); // replaced whole
        var replaced = await store.ReadAsync("results/a.png");
        var localPath = store.LocalPath("results/a.png");
        store.Delete("results/a.png");
        await store.DeleteFolderAsync("engine/jobs/j");

        Assert.Equal([9], replaced);
        Assert.Equal(Path.Combine(_root, "results", "a.png"), localPath);
        Assert.False(store.Exists("results/a.png"));
        Assert.Null(await store.ReadAsync("engine/jobs/j/result.png"));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Deleting_a_file_of_a_folder_never_made_is_nothing()
    {
        var store = new FolderFileStore(_root);

        store.Delete("thumbs/paintings/nothing.webp");

        Assert.False(store.Exists("thumbs/paintings/nothing.webp"));
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("results/../../outside.png")]
    [InlineData("/etc/passwd")]
    [InlineData("results//a.png")]
    [InlineData("results\\a.png")]
    public void A_key_that_could_leave_the_folder_is_refused(string key)
    {
        var store = new FolderFileStore(_root);

        Assert.Throws<ArgumentException>(() => store.Write(key, [1]));
        Assert.Throws<ArgumentException>(() => store.Exists(key));
    }
}
