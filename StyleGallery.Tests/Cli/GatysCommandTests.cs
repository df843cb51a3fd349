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
        var (code, _, error) = await RunWithStyle("starry_nite", "--out", Path.Combine(_cli.Root, "o.png"));

        Assert.Equal(3, code);
        Assert.Contains("'starry_nite' is neither a picture file nor a painting of the catalogue", error);
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
