using StyleGallery.Cli;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Training;

namespace StyleGallery.Tests.Cli;

/// <summary><c>stylegallery distill</c>: a lite style listed beside its teacher, and clear refusals.</summary>
[Collection(TorchCollection.Name)]
public sealed class DistillCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly TrainingFixture _photos = new(photos: 2);

    public void Dispose()
    {
        _photos.Dispose();
        _cli.Dispose();
    }

    private string[] Args(params string[] args) =>
        ["distill", .. args, "--data", _photos.Photos, "--models", _cli.ModelsFolder, "--mirror", SharedData.Models, "--offline"];

    [Fact]
    public async Task A_distilled_style_is_listed_beside_its_teacher_and_paints()
    {
        var (code, stdout, stderr) = await Run(Args("--style", "udnie", "--steps", "2", "--size", "32", "--batch", "1"));

        Assert.True(code == 0, stderr);
        Assert.Contains("distilled 'udnie-lite' from 'udnie' in 2 steps", stdout);
        var (_, list, _) = await _cli.Run("models", "list");
        Assert.Contains("udnie-lite", list);
        var painted = Path.Combine(_cli.Root, "out.png");
        var (fast, _, fastError) = await _cli.Run("fast", "--style", "udnie-lite", "--in", _cli.Photo("photo.png", 40, 30), "--out", painted);
        Assert.True(fast == 0, fastError);
        Assert.Equal("udnie", TrainedStyleFile.ReadInfo(new UserStyles(_cli.ModelsFolder).PathOf("udnie-lite")).Teacher);
    }

    [Theory]
    [InlineData("--steps", "0", "steps must be")]
    [InlineData("--steps", "1000001", "steps must be")]
    [InlineData("--size", "8", "crop size must be")]
    [InlineData("--size", "4096", "crop size must be")]
    public async Task Steps_or_size_out_of_range_are_usage_errors(string option, string value, string message)
    {
        var (code, _, stderr) = await Run(Args("--style", "udnie", option, value));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task A_style_without_a_network_is_refused_with_the_styles_that_have_one()
    {
        var (code, _, stderr) = await Run(Args("--style", "starry_night"));

        Assert.Equal(ExitCodes.MissingModel, code);
        Assert.Contains("no network to distil", stderr);
        Assert.Contains("udnie", stderr);
    }

    [Fact]
    public async Task Cancelling_mid_run_leaves_no_listed_style()
    {
        using var cancel = new CancellationTokenSource();
        var stdout = new CancellingWriter("grey levels", cancel);
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(Args("--style", "udnie", "--steps", "500", "--size", "32", "--batch", "1"), stdout, stderr, cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.True(cancel.IsCancellationRequested);
        Assert.Contains("no style was registered", stderr.ToString());
        Assert.Empty(new UserStyles(_cli.ModelsFolder).List());
        Assert.False(File.Exists(new UserStyles(_cli.ModelsFolder).PathOf("udnie-lite")));
    }

    private static async Task<(int Code, string Out, string Error)> Run(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Cancels the run the first time a progress line (one holding <paramref name="marker"/>) is written: mid-run, by construction.</summary>
    private sealed class CancellingWriter(string marker, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true) cancel.Cancel();
        }
    }
}
