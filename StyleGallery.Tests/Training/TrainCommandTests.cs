using StyleGallery.Cli;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private readonly TrainingFixture _fixture = new(photos: 3);

    public void Dispose() => _fixture.Dispose();

    private string Models => Path.Combine(_fixture.Root, "models");

    private async Task<(int Code, string Out, string Error)> Train(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] common = ["--models", Models, "--mirror", SharedData.Models, "--offline", "--threads", "2"];
        var code = await CliApp.RunAsync(["train", .. args, .. common], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Trains_a_tiny_style_through_the_job_queue_and_registers_it()
    {
        var (code, stdout, stderr) = await Train("--style", TrainingFixture.Style, "--data", _fixture.Photos, "--out", "tiny-scream",
            "--size", "32", "--batch", "2", "--steps", "2", "--width", "half", "--norm", "batch", "--checkpoint-every", "0");
        Assert.True(code == 0, stderr);
        Assert.Contains("2/2", stdout);      // the progress bar's last line
        Assert.Contains("img/s", stdout);
        Assert.Contains("trained 'tiny-scream' in 2 steps", stdout);
        var entry = Assert.Single(new UserStyles(Models).List());
        Assert.Equal("tiny-scream", entry.Id);
        Assert.Equal("the_scream_small.jpg", entry.StyleImage);
        using var net = TrainedStyleFile.LoadNetwork(new UserStyles(Models).PathOf("tiny-scream"));
        Assert.Equal(Engine.Fast.FastNormalization.Batch, net.Options.Normalization);
    }

    [Theory]
    [InlineData("--batch", "0", "batch size")]
    [InlineData("--size", "5", "crop size")]
    [InlineData("--norm", "group", "--norm must be")]
    public async Task Absurd_settings_are_usage_errors(string option, string value, string expected)
    {
        var (code, _, stderr) = await Train("--style", TrainingFixture.Style, "--data", _fixture.Photos, "--out", "x", option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task A_bad_style_id_is_a_usage_error()
    {
        var (code, _, stderr) = await Train("--style", TrainingFixture.Style, "--data", _fixture.Photos, "--out", "../Bad Id");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("not a valid style id", stderr);
    }

    [Fact]
    public async Task A_missing_photo_folder_is_reported()
    {
        var (code, _, stderr) = await Train("--style", TrainingFixture.Style, "--data", Path.Combine(_fixture.Root, "none"), "--out", "x");
        Assert.Equal(ExitCodes.BadImage, code);
        Assert.Contains("does not exist", stderr);
    }
}
