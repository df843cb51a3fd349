using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class FastCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Stylises_one_photo_to_the_requested_size()
    {
        var photo = _cli.Photo("in/photo.png", 120, 90);
        var output = Path.Combine(_cli.Root, "out/result.jpg");
        var (code, stdout, stderr) = await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", output, "--size", "64");
        Assert.True(code == 0, stderr);
        Assert.Contains("wrote", stdout);
        var result = ImageDecoder.DecodeFile(output);
        Assert.Equal((64, 48), (result.Width, result.Height));
        var original = ImageResizer.FitWithin(ImageDecoder.DecodeFile(photo), 64);
        Assert.True(TestImages.MeanAbsoluteDifference(original, result) > 20, "the picture should be restyled, not copied");
    }

    [Fact]
    public async Task A_folder_is_stylised_file_by_file_and_a_bad_file_is_reported_without_stopping_the_batch()
    {
        _cli.Photo("batch/a.png", 64, 64);
        _cli.Photo("batch/b.png", 48, 64);
        _cli.File_("batch/c.jpg", "not really a jpeg"u8.ToArray());
        var outFolder = Path.Combine(_cli.Root, "stylised");
        var (code, stdout, stderr) = await _cli.Run("fast", "--style", "wave", "--in", Path.Combine(_cli.Root, "batch"), "--out", outFolder, "--size", "64");
        Assert.Equal(3, code);
        Assert.Contains("c.jpg", stderr);
        Assert.Contains("2 of 3 photos", stdout);
        Assert.Equal(new[] { "a.png", "b.png" }, Directory.GetFiles(outFolder).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.Equal((48, 64), Size(ImageDecoder.DecodeFile(Path.Combine(outFolder, "b.png"))));
    }

    [Fact]
    public async Task Strength_mixes_the_painted_picture_with_the_photo()
    {
        var photo = _cli.Photo("in/photo.png", 64, 48);
        var full = Path.Combine(_cli.Root, "full.png");
        var mixed = Path.Combine(_cli.Root, "mixed.png");
        Assert.Equal(0, (await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", full, "--precision", "Float32")).Code);

        var (code, _, stderr) = await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", mixed, "--precision", "Float32", "--strength", "0.25");

        Assert.True(code == 0, stderr);
        var expected = StyleStrength.Mix(ImageDecoder.DecodeFile(photo), ImageDecoder.DecodeFile(full), 0.25);
        Assert.Equal(expected.Pixels, ImageDecoder.DecodeFile(mixed).Pixels);
    }

    [Fact]
    public async Task A_missing_input_exits_3()
    {
        var (code, _, error) = await _cli.Run("fast", "--style", "udnie", "--in", Path.Combine(_cli.Root, "nope.jpg"), "--out", Path.Combine(_cli.Root, "o.png"));
        Assert.Equal(3, code);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task A_corrupt_single_photo_exits_3_with_the_decoders_message()
    {
        var bad = _cli.File_("broken.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        var output = Path.Combine(_cli.Root, "o.png");
        var (code, _, error) = await _cli.Run("fast", "--style", "udnie", "--in", bad, "--out", output);
        Assert.Equal(3, code);
        Assert.Contains("broken.png", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_unknown_style_exits_4_and_lists_the_fast_styles()
    {
        var photo = _cli.Photo("p.png");
        var (code, _, error) = await _cli.Run("fast", "--style", "vgg19-imagenet", "--in", photo, "--out", Path.Combine(_cli.Root, "o.png"));
        Assert.Equal(4, code);
        Assert.Contains("not a fast style", error);
        Assert.Contains("udnie", error);
    }

    [Theory]
    [InlineData("--out", "o.tiff")]
    [InlineData("--size", "0")]
    [InlineData("--strength", "1.2")]
    [InlineData("--strength", "-0.5")]
    [InlineData("--edge-padding", "-1")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var photo = _cli.Photo("p.png");
        string[] args = ["fast", "--style", "udnie", "--in", photo, "--out", Path.Combine(_cli.Root, "o.png")];
        var replaced = args.ToList();
        var at = replaced.IndexOf(option);
        if (at >= 0) replaced[at + 1] = option == "--out" ? Path.Combine(_cli.Root, value) : value;
        else replaced.AddRange([option, value]);
        var (code, _, error) = await _cli.Run([.. replaced]);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var (code, _, error) = await _cli.Run("fast", "--style", "udnie");
        Assert.Equal(2, code);
        Assert.Contains("--in", error);
    }

    [Fact]
    public async Task A_large_picture_is_painted_in_tiles_with_progress_per_tile_and_equals_the_whole_one()
    {
        var photo = _cli.Photo("in/large.png", 600, 400);
        var tiled = Path.Combine(_cli.Root, "tiled.png");
        var whole = Path.Combine(_cli.Root, "whole.png");

        var (code, stdout, stderr) = await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", tiled, "--size", "600", "--tile", "128", "--tile-statistics", "Downscaled", "--precision", "Float32");
        Assert.True(code == 0, stderr);
        Assert.Equal(0, (await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", whole, "--size", "600", "--precision", "Float32")).Code);

        Assert.Contains("tile runs [", stdout);
        Assert.Contains("(20 tiles)", stdout); // 600 × 400 and its mirrored edges (632 × 432) in 128 px cores: 5 × 4 tiles
        Assert.Contains("painting", stdout);
        Assert.Contains("(600×400)", stdout);
        var mae = TestImages.MeanAbsoluteDifference(ImageDecoder.DecodeFile(whole), ImageDecoder.DecodeFile(tiled));
        Assert.True(mae <= 1, $"tiled vs whole: MAE {mae:F3}");
    }

    [Fact]
    public async Task A_200_megapixel_bomb_is_refused_from_its_header_with_the_limit()
    {
        var bomb = _cli.File_("bomb.png", HandMadePng.Bomb(20_000, 10_000));
        var output = Path.Combine(_cli.Root, "o.png");
        var (code, _, error) = await _cli.Run("fast", "--style", "udnie", "--in", bomb, "--out", output, "--size", "16384");
        Assert.Equal(3, code);
        Assert.Contains("20000 × 10000", error);
        Assert.Contains("100 megapixels", error);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--tile", "0", "tile size must be between 32")]
    [InlineData("--size", "20000", "between 16 and 16384 pixels")]
    public async Task Tile_and_print_sizes_out_of_range_are_refused_with_the_range(string option, string value, string message)
    {
        var photo = _cli.Photo("p.png");
        var (code, _, error) = await _cli.Run("fast", "--style", "udnie", "--in", photo, "--out", Path.Combine(_cli.Root, "o.png"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    private static (int, int) Size(RgbImage image) => (image.Width, image.Height);

}
