using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class ModelsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_shows_every_catalogue_model_and_none_installed_in_a_fresh_folder()
    {
        var (code, output, _) = await _cli.Run("models", "list");
        Assert.Equal(0, code);
        foreach (var id in new[] { "udnie", "wave", "vgg19-imagenet", "vgg16-torchvision" })
            Assert.Matches($@"(?m)^{id}\s+\S+\s+no\s", output);
    }

    [Fact]
    public async Task Install_copies_from_the_mirror_and_verify_then_catches_a_corrupted_file()
    {
        var (code, output, error) = await _cli.Run("models", "install", "udnie");
        Assert.True(code == 0, error);
        Assert.Contains("udnie: installed", output);
        var installed = Path.Combine(_cli.ModelsFolder, "fast", "udnie.safetensors");
        Assert.Equal(new FileInfo(SharedData.Fast("udnie")).Length, new FileInfo(installed).Length);

        Assert.Equal(0, (await _cli.Run("models", "verify")).Code);

        using (var stream = File.OpenWrite(installed))
        {
            stream.Position = 1000;
            stream.WriteByte(0x5A);
        }
        var (badCode, badOutput, _) = await _cli.Run("models", "verify");
        Assert.Equal(1, badCode);
        Assert.Matches(@"udnie\s+Corrupt", badOutput);
    }

    [Fact]
    public async Task Installing_an_unknown_model_exits_4_and_names_the_known_ones()
    {
        var (code, _, error) = await _cli.Run("models", "install", "mona_lisa");
        Assert.Equal(4, code);
        Assert.Contains("unknown model 'mona_lisa'", error);
        Assert.Contains("udnie", error);
    }

    [Fact]
    public async Task Install_without_ids_is_a_usage_error()
    {
        var (code, _, error) = await _cli.Run("models", "install");
        Assert.Equal(2, code);
        Assert.Contains("--all", error);
    }
}
