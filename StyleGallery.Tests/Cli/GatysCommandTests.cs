using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class GatysCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_short_run_writes_a_png_of_the_requested_size_and_the_snapshots_asked_for()
    {
        var content = _cli.Photo("in/content.png", 96, 72);
        var style = _cli.Photo("in/style.png", 64, 64);
        var output = Path.Combine(_cli.Root, "out/result.png");
        var (code, stdout, stderr) = await _cli.Run("gatys", "--content", content, "--style", style, "--size", "48", "--iters", "5",
            "--seed", "1", "--save-every", "2", "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        var result = ImageDecoder.DecodeFile(output);
        Assert.Equal((48, 36), (result.Width, result.Height));
        Assert.True(File.Exists(Path.Combine(_cli.Root, "out/result_0002.png")), "--save-every 2 should write the iteration-2 snapshot");
        Assert.True(File.Exists(Path.Combine(_cli.Root, "out/result_0004.png")), "--save-every 2 should write the iteration-4 snapshot");
    }

    [Fact]
    public async Task Two_styles_with_blend_weights_run()
    {
        var content = _cli.Photo("c.png", 64, 64);
        var output = Path.Combine(_cli.Root, "blend.png");
        var (code, _, stderr) = await _cli.Run("gatys", "--content", content, "--style", _cli.Photo("s1.png", 40, 40), "--style", _cli.Photo("s2.png", 50, 40),
            "--style-weights", "0.7,0.3", "--size", "48", "--iters", "2", "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Equal((48, 48), Size(ImageDecoder.DecodeFile(output)));
    }

    [Fact]
    public async Task A_run_evaluated_in_tiles_writes_its_picture()
    {
        var output = Path.Combine(_cli.Root, "tiled.png");
        var (code, _, stderr) = await _cli.Run("gatys", "--content", _cli.Photo("c.png", 96, 72), "--style", _cli.Photo("s.png", 64, 64),
            "--size", "96", "--iters", "2", "--tile", "48", "--memory", "4000", "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Equal((96, 72), Size(ImageDecoder.DecodeFile(output)));
    }

    [Theory]
    [InlineData("--tile", "0", "The tile size must be between 16 and 4096 pixels (got 0).")]
    [InlineData("--memory", "500", "The memory limit must be at least 1000 MB (got 500).")]
    public async Task A_tile_of_zero_or_too_little_memory_exits_2_with_the_validators_message(string option, string value, string message)
    {
        var (code, _, error) = await RunWith(option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Negative_iterations_exit_2_with_the_validators_message()
    {
        var (code, _, error) = await RunWith("--iters", "-5");
        Assert.Equal(2, code);
        Assert.Contains("Iterations must be between 1 and 100000 (got -5)", error);
    }

    [Fact]
    public async Task Zero_iterations_exit_2_with_the_validators_message()
    {
        var (code, _, error) = await RunWith("--iters", "0");
        Assert.Equal(2, code);
        Assert.Contains("Iterations must be between 1 and 100000 (got 0)", error);
    }

    [Fact]
    public async Task An_unknown_preset_exits_2_and_lists_the_known_ones()
    {
        var (code, _, error) = await RunWith("--preset", "picasso");
        Assert.Equal(2, code);
        Assert.Contains("Unknown preset 'picasso'", error);
        Assert.Contains("gatys", error);
    }

    [Fact]
    public async Task Style_weights_that_do_not_match_the_styles_exit_2()
    {
        var (code, _, error) = await RunWith("--style-weights", "0.5,0.3,0.2");
        Assert.Equal(2, code);
        Assert.Contains("3 weights for 1 style images", error);
    }

    [Fact]
    public async Task A_preset_needing_layers_the_weights_lack_exits_2_with_the_reason()
    {
        var (code, _, error) = await RunWith("--preset", "johnson");
        Assert.Equal(2, code);
        Assert.Contains("stop at conv3_3", error);
    }

    [Fact]
    public async Task Losses_are_logged_for_every_iteration_of_every_scale()
    {
        var log = Path.Combine(_cli.Root, "logs/losses.csv");
        var (code, _, stderr) = await _cli.Run("gatys", "--content", _cli.Photo("c.png", 128, 96), "--style", _cli.Photo("s.png", 64, 64),
            "--size", "128", "--iters", "4", "--multiscale", "--losses", log, "--out", Path.Combine(_cli.Root, "o.png"));
        Assert.True(code == 0, stderr);

        var lines = File.ReadAllLines(log);
        Assert.Equal("iteration,scale,elapsed_s,total,content,style,tv", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (double)i), rows.Select(r => r[0]));
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], rows.Select(r => r[1]));
        // α = 1, ×3 while a noise start warms up (all of the first scale's 4 iterations); β = 100; γ = 2200 at 256²,
        // scaled by 65536 / pixels at each scale (32×24, 64×48, 128×96).
        double[] pixels = [32 * 24, 64 * 48, 128 * 96];
        Assert.All(rows, r =>
        {
            var scale = (int)r[1];
            var (alpha, gamma) = (scale == 1 ? 3.0 : 1.0, 2200.0 * 65536 / pixels[scale - 1]);
            Assert.Equal(r[3], alpha * r[4] + 100 * r[5] + gamma * r[6], r[3] * 1e-9);
        });
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second[2] >= p.First[2]), "elapsed time never goes back");
    }

    [Fact]
    public async Task An_init_image_is_where_the_run_starts()
    {
        var (content, style) = (_cli.Photo("c.png", 64, 48), _cli.Photo("s.png", 64, 64));
        async Task<string> FirstTotal(params string[] init)
        {
            var log = Path.Combine(_cli.Root, Guid.NewGuid().ToString("N") + ".csv");
            var (code, _, stderr) = await _cli.Run(["gatys", "--content", content, "--style", style, "--size", "48", "--iters", "1",
                "--losses", log, "--out", Path.Combine(_cli.Root, "o.png"), .. init]);
            Assert.True(code == 0, stderr);
            return File.ReadAllLines(log)[1].Split(',')[3];
        }

        var fromPhoto = await FirstTotal("--init", "content");
        Assert.Equal(fromPhoto, await FirstTotal("--init-image", content));
        Assert.NotEqual(fromPhoto, await FirstTotal("--init", "noise"));
    }

    [Fact]
    public async Task Cancelling_a_run_exits_130_and_keeps_the_latest_picture()
    {
        var output = Path.Combine(_cli.Root, "stopped.png");
        var stdout = new FirstProgressWriter();
        using var ctrlC = new CancellationTokenSource();
        string[] args = ["gatys", "--content", _cli.Photo("c.png", 128, 96), "--style", _cli.Photo("s.png", 64, 64), "--size", "128",
            "--iters", "100000", "--out", output, "--models", _cli.ModelsFolder, "--mirror", SharedData.Models, "--offline"];

        var run = StyleGallery.Cli.CliApp.RunAsync(args, stdout, TextWriter.Null, ctrlC.Token);
        await stdout.FirstProgress.WaitAsync(TimeSpan.FromMinutes(2));
        await ctrlC.CancelAsync();

        Assert.Equal(130, await run);
        Assert.Contains("cancelled, latest picture kept", stdout.ToString());
        Assert.Equal((128, 96), Size(ImageDecoder.DecodeFile(output)));
    }

    /// <summary>Tells when the progress bar first draws, i.e. the optimisation has a picture to keep.</summary>
    private sealed class FirstProgressWriter : StringWriter
    {
        private readonly TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstProgress => _progress.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("gatys [", StringComparison.Ordinal) == true) _progress.TrySetResult();
        }
    }

    [Fact]
    public async Task A_history_of_zero_exits_2_with_the_validators_message()
    {
        var (code, _, error) = await RunWith("--history", "0");
        Assert.Equal(2, code);
        Assert.Contains("LbfgsHistory must be between 1 and 1000 (got 0).", error);
    }

    [Fact]
    public async Task Init_image_without_a_picture_exits_2()
    {
        var (code, _, error) = await RunWith("--init", "image");
        Assert.Equal(2, code);
        Assert.Contains("--init image needs --init-image", error);
    }

    [Theory]
    [InlineData("starry_night", "starry_night.jpg")]
    [InlineData("painting.mona_lisa", "mona_lisa.jpg")]
    [InlineData("udnie", "udnie.jpg")]
    public async Task A_painting_of_the_catalogue_is_a_style_by_name_installed_on_first_use(string style, string file)
    {
        var output = Path.Combine(_cli.Root, "named.png");
        var (code, _, stderr) = await RunWithStyle(style, "--iters", "2", "--out", output);

        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(output));
        Assert.Equal(File.ReadAllBytes(SharedData.Style(file)), File.ReadAllBytes(Path.Combine(_cli.ModelsFolder, "paintings", file)));
    }

    [Fact]
    public async Task A_style_that_is_neither_a_file_nor_a_painting_exits_3()
    {
        var log = Path.Combine(_cli.Root, "losses.csv");
        var (code, _, error) = await RunWithStyle("starry_nite", "--out", Path.Combine(_cli.Root, "o.png"), "--losses", log);

        Assert.Equal(3, code);
        Assert.Contains("'starry_nite' is neither a picture file nor a painting of the catalogue", error);
        Assert.False(File.Exists(log), "a run that never started leaves no loss log");
    }

    private Task<(int Code, string Out, string Error)> RunWithStyle(string style, params string[] extra) =>
        _cli.Run(["gatys", "--content", _cli.Photo("c.png"), "--style", style, "--size", "48", .. extra]);

    [Fact]
    public async Task A_missing_content_file_exits_3()
    {
        var output = Path.Combine(_cli.Root, "o.png");
        var (code, _, error) = await _cli.Run("gatys", "--content", Path.Combine(_cli.Root, "nope.jpg"), "--style", _cli.Photo("s.png"), "--out", output);
        Assert.Equal(3, code);
        Assert.Contains("nope.jpg", error);
        Assert.False(File.Exists(output));
    }

    private Task<(int Code, string Out, string Error)> RunWith(params string[] extra) =>
        _cli.Run(["gatys", "--content", _cli.Photo("c.png"), "--style", _cli.Photo("s.png"), "--size", "48",
            "--out", Path.Combine(_cli.Root, "o.png"), .. extra]);

    private static (int, int) Size(RgbImage image) => (image.Width, image.Height);
}
