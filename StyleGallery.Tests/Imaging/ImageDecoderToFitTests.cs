using SkiaSharp;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using Xunit.Abstractions;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

/// <summary>
/// <see cref="ImageDecoder.DecodeToFit"/> against the old way, decoding whole then <see cref="ImageResizer.FitWithin"/>:
/// the same picture where it fits, and within a grey level or so where it is reduced while it streams.
/// </summary>
public sealed class ImageDecoderToFitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void A_picture_that_fits_is_decoded_exactly_as_before(SKEncodedImageFormat format)
    {
        var bytes = Quadrants(64, 48, format);

        var fitted = ImageDecoder.DecodeToFit(bytes, 64);

        Assert.Equal(ImageDecoder.Decode(bytes).Pixels, fitted.Pixels);
    }

    /// <summary>
    /// Real photos, reduced 2.5× to 8×; the differences measured are in each case's comment. Where every halving of the
    /// old path meets an even size (tubingen, 1024 × 768) its 2×2 averages are the box averages, and the two agree to
    /// rounding (0 to 0.5 grey levels; a JPEG is halved by its own DCT scaling instead, a WebP by libwebp's area
    /// scaler). Where a halving meets an odd size the old path is the one that strays: Skia's bilinear "halving" of
    /// 741 to 370 pixels is sampled at a scale just over 2, so its sample points drift until, midway, each takes a
    /// single pixel instead of averaging two, while the box averages cover every pixel. That shows at fine detail only,
    /// as 1.7 to 2.9 grey levels on average; the bound, 3.5, is about what JPEG at quality 90 itself costs a photo.
    /// </summary>
    [Theory]
    [InlineData("tubingen.jpg", SKEncodedImageFormat.Png, 300, 0.5)] // 0.0
    [InlineData("tubingen.jpg", SKEncodedImageFormat.Png, 200, 0.5)] // 0.23
    [InlineData("tubingen.jpg", null, 300, 1.0)] // 0.36
    [InlineData("tubingen.jpg", null, 128, 1.0)] // 0.45
    [InlineData("tubingen.jpg", SKEncodedImageFormat.Webp, 300, 1.0)] // 0.62
    [InlineData("dog_samoyed.jpg", null, 512, 3.5)] // 1.87: 1213 rows halve to 606
    [InlineData("chelsea_cat.png", null, 150, 3.5)] // 1.67: 451 columns halve to 225
    [InlineData("motorcycle_left.png", null, 200, 3.5)] // 2.89: 741 columns halve to 370
    public void A_real_photo_reduced_while_it_streams_is_within_a_small_mean_difference_of_decoding_then_resizing(
        string file, SKEncodedImageFormat? reencode, int maxSide, double bound)
    {
        var bytes = File.ReadAllBytes(SharedData.Content(file));
        if (reencode is { } format) bytes = ImageEncoder.Encode(ImageDecoder.Decode(bytes), format == SKEncodedImageFormat.Png ? EncodedFormat.Png : EncodedFormat.Webp, 95);

        var old = ImageResizer.FitWithin(ImageDecoder.Decode(bytes), maxSide);
        var streamed = ImageDecoder.DecodeToFit(bytes, maxSide);

        Assert.Equal((old.Width, old.Height), (streamed.Width, streamed.Height));
        var difference = TestImages.MeanAbsoluteDifference(old, streamed);
        output.WriteLine($"{file} as {reencode?.ToString() ?? "itself"} to {maxSide}: mean absolute difference {difference:0.000}");
        Assert.InRange(difference, 0, bound);
    }

    [Theory]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Unpremul)]
    [InlineData(SKColorType.Gray8, SKAlphaType.Opaque)]
    [InlineData(SKColorType.Rgba8888, SKAlphaType.Opaque)]
    [InlineData(SKColorType.Rgb888x, SKAlphaType.Opaque)]
    public void Png_kinds_streamed_match_the_old_path(SKColorType colorType, SKAlphaType alphaType)
    {
        using var source = new SKBitmap(new SKImageInfo(403, 301, colorType, alphaType));
        using (var canvas = new SKCanvas(source))
        {
            canvas.Clear(new SKColor(0, 0, 0, 0));
            using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(403, 301), [new SKColor(250, 20, 90, 255), new SKColor(10, 200, 240, 60)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, 403, 301, paint);
        }
        var png = Encode(source, SKEncodedImageFormat.Png);

        var old = ImageResizer.FitWithin(ImageDecoder.Decode(png), 100);
        var streamed = ImageDecoder.DecodeToFit(png, 100);

        Assert.Equal((old.Width, old.Height), (streamed.Width, streamed.Height));
        Assert.InRange(TestImages.MeanAbsoluteDifference(old, streamed), 0, 1.0);
    }

    [Fact]
    public void A_large_flat_png_comes_out_the_same_colour_at_the_working_size()
    {
        var png = FlatPng(3000, 2000, new SKColor(120, 50, 200));

        var image = ImageDecoder.DecodeToFit(png, 512);

        Assert.Equal((512, 341), (image.Width, image.Height));
        Assert.All(Enumerable.Range(0, image.Width * image.Height), i => Assert.Equal((120, 50, 200), (image.Pixels[i * 3], image.Pixels[i * 3 + 1], image.Pixels[i * 3 + 2])));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(3)]
    public void A_reduced_jpeg_still_stands_upright(int orientation)
    {
        var jpeg = ExifInjector.WithOrientation(Quadrants(400, 200, SKEncodedImageFormat.Jpeg), orientation);

        var old = ImageResizer.FitWithin(ImageDecoder.Decode(jpeg), 100);
        var fitted = ImageDecoder.DecodeToFit(jpeg, 100);

        Assert.Equal((old.Width, old.Height), (fitted.Width, fitted.Height));
        Assert.InRange(TestImages.MeanAbsoluteDifference(old, fitted), 0, 2.0);
    }

    [Fact]
    public void A_cut_short_png_is_refused_as_damaged()
    {
        var png = ImageEncoder.Encode(TestImages.Gradient(1200, 900), EncodedFormat.Png);

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeToFit(png[..(png.Length / 2)], 200));

        Assert.Equal(ImageDecodeFailure.Corrupt, error.Reason);
    }

    [Fact]
    public void The_header_limits_still_refuse_a_bomb_before_any_pixel()
    {
        var bomb = HandMadePng.Bomb(100_000, 100_000);

        Assert.Equal(ImageDecodeFailure.TooManyPixels, Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeToFit(bomb, 512)).Reason);
    }

    [Fact]
    public void A_decode_that_finds_the_budget_full_waits_its_time_then_is_refused_as_busy()
    {
        var budget = new DecodeBudget(1_000_000, TimeSpan.FromMilliseconds(50));
        var png = FlatPng(2000, 1500, SKColors.Teal);
        using (budget.Acquire(1_000_000))
            Assert.Throws<DecodeBusyException>(() => ImageDecoder.DecodeToFit(png, 256, budget: budget));

        Assert.Equal(256, ImageDecoder.DecodeToFit(png, 256, budget: budget).Width);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public void A_decode_larger_than_the_whole_budget_runs_alone()
    {
        var budget = new DecodeBudget(1_000, TimeSpan.FromMilliseconds(50));
        var png = FlatPng(400, 300, SKColors.Teal);

        Assert.Equal(400, ImageDecoder.Decode(png, budget: budget).Width);
        using (budget.Acquire(1))
            Assert.Throws<DecodeBusyException>(() => ImageDecoder.Decode(png, budget: budget));
    }

    [Fact]
    public async Task A_waiting_decode_goes_on_when_the_budget_is_given_back()
    {
        var budget = new DecodeBudget(100, TimeSpan.FromSeconds(20));
        var held = budget.Acquire(100);
        var waiting = Task.Run(() => budget.Acquire(50));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        held.Dispose();

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(50, budget.InUse);
    }

    internal static byte[] FlatPng(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(colour);
        return Encode(bitmap, SKEncodedImageFormat.Png);
    }
}
