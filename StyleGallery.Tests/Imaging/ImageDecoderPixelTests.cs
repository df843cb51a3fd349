using SkiaSharp;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

/// <summary>Grey and transparent inputs become plain RGB.</summary>
public sealed class ImageDecoderPixelTests
{
    [Fact]
    public void Grayscale_png_becomes_three_equal_channels()
    {
        using var gray = new SKBitmap(new SKImageInfo(16, 4, SKColorType.Gray8, SKAlphaType.Opaque));
        var levels = gray.GetPixelSpan();
        for (var i = 0; i < levels.Length; i++) levels[i] = (byte)(i * 4);
        var png = Encode(gray, SKEncodedImageFormat.Png);
        Assert.Equal(0, png[25]); // IHDR colour type 0: the file really is greyscale

        var image = ImageDecoder.Decode(png);

        for (var i = 0; i < 64; i++)
            Assert.Equal(((byte)(i * 4), (byte)(i * 4), (byte)(i * 4)), image[i % 16, i / 16]);
    }

    [Theory]
    [InlineData(255, 0, 0, 0, 255, 255, 255)]        // fully transparent: white, whatever the colour
    [InlineData(0, 0, 255, 128, 127, 127, 255)]      // (0·128 + 255·127) / 255 = 127
    [InlineData(200, 100, 50, 128, 227, 177, 152)]   // e.g. (200·128 + 255·127) / 255 = 227.9
    [InlineData(10, 20, 30, 255, 10, 20, 30)]        // opaque: unchanged
    public void Transparency_is_flattened_onto_white(byte r, byte g, byte b, byte a, byte er, byte eg, byte eb)
    {
        using var bitmap = Draw(4, 4, (_, _) => new SKColor(r, g, b, a));
        var png = Encode(bitmap, SKEncodedImageFormat.Png);
        Assert.Equal(6, png[25]); // IHDR colour type 6: RGBA

        var image = ImageDecoder.Decode(png);

        AssertColour((er, eg, eb), image[2, 2], tolerance: 1);
    }
}
