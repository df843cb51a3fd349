using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

public sealed class ImageResizerTests
{
    [Theory]
    [InlineData(4000, 3000, 1000, 1000, 750)]
    [InlineData(300, 1200, 512, 128, 512)]
    [InlineData(1001, 10, 100, 100, 1)]   // a sliver never collapses to zero
    [InlineData(640, 480, 640, 640, 480)] // already fits
    public void ScaledSize_keeps_aspect_and_caps_the_longer_side(int width, int height, int maxSide, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), ImageResizer.ScaledSize(width, height, maxSide));
    }

    [Fact]
    public void AreaSize_stays_under_the_pixel_budget_with_the_same_aspect()
    {
        var (w, h) = ImageResizer.AreaSize(4000, 3000, 1_200_000);

        Assert.Equal((1264, 948), (w, h)); // 4000·√0.1 = 1264.9, 3000·√0.1 = 948.7, rounded down
        Assert.True((long)w * h <= 1_200_000);
        Assert.Equal((640, 480), ImageResizer.AreaSize(640, 480, 640 * 480));
    }

    [Fact]
    public void FitWithin_shrinks_to_the_max_side()
    {
        var image = RgbImage.Filled(200, 100, 10, 20, 30);

        var fitted = ImageResizer.FitWithin(image, 50);

        Assert.Equal((50, 25), (fitted.Width, fitted.Height));
    }

    [Fact]
    public void FitWithin_never_enlarges_and_returns_the_same_image()
    {
        var image = RgbImage.Filled(30, 20, 10, 20, 30);

        Assert.Same(image, ImageResizer.FitWithin(image, 30));
        Assert.Same(image, ImageResizer.FitWithin(image, 1000));
        Assert.Same(image, ImageResizer.ScaleToArea(image, 600));
    }

    [Fact]
    public void ScaleToArea_shrinks_to_the_budget()
    {
        var image = RgbImage.Filled(400, 100, 10, 20, 30);

        var scaled = ImageResizer.ScaleToArea(image, 10_000);

        Assert.Equal((200, 50), (scaled.Width, scaled.Height));
    }

    [Theory]
    [InlineData(30, 20)]   // mild downscale
    [InlineData(7, 5)]     // strong downscale through the halving steps
    [InlineData(150, 90)]  // enlargement
    public void Uniform_colour_stays_that_colour(int width, int height)
    {
        var image = RgbImage.Filled(97, 61, 12, 200, 99);

        var resized = ImageResizer.Resize(image, width, height);

        Assert.Equal((width, height), (resized.Width, resized.Height));
        for (var i = 0; i < resized.Pixels.Length; i += 3)
        {
            Assert.InRange(resized.Pixels[i], 11, 13);
            Assert.InRange(resized.Pixels[i + 1], 199, 201);
            Assert.InRange(resized.Pixels[i + 2], 98, 100);
        }
    }

    [Theory]
    [InlineData(64, 13)]
    [InlineData(100, 37)]
    [InlineData(256, 33)]
    public void Downscaled_checkerboard_averages_to_grey(int size, int target)
    {
        var board = Checkerboard(size);

        var small = ImageResizer.Resize(board, target, target);

        Assert.All(small.Pixels, v => Assert.InRange(v, 127 - 8, 128 + 8));
    }

    [Fact]
    public void Downscale_keeps_left_and_right_where_they_were()
    {
        var pixels = new byte[64 * 64 * 3];
        for (var i = 0; i < pixels.Length; i += 3) if ((i / 3) % 64 >= 32) pixels[i] = pixels[i + 1] = pixels[i + 2] = 255;

        var small = ImageResizer.Resize(new RgbImage(64, 64, pixels), 16, 16);

        Assert.Equal((byte)0, small[0, 8].R);
        Assert.Equal((byte)255, small[15, 8].R);
    }

    [Fact]
    public void Resize_to_the_same_size_returns_the_same_image()
    {
        var image = RgbImage.Filled(8, 8, 1, 2, 3);

        Assert.Same(image, ImageResizer.Resize(image, 8, 8));
    }

    private static RgbImage Checkerboard(int size)
    {
        var pixels = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                if ((x + y) % 2 == 0) pixels[(y * size + x) * 3] = pixels[(y * size + x) * 3 + 1] = pixels[(y * size + x) * 3 + 2] = 255;
        return new RgbImage(size, size, pixels);
    }
}
