using SkiaSharp;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

public sealed class ImageDecoderFormatTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ImageFormat.Png, 0)]
    [InlineData(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg, 12)]
    [InlineData(SKEncodedImageFormat.Webp, ImageFormat.Webp, 12)]
    public void Skia_encoded_pictures_decode_to_their_size_and_colours(SKEncodedImageFormat encoded, ImageFormat format, int tolerance)
    {
        var bytes = Quadrants(64, 48, encoded);

        var image = ImageDecoder.Decode(bytes);

        Assert.Equal((64, 48), (image.Width, image.Height));
        AssertQuadrants(image, tolerance);
        Assert.Equal(new ImageHeader(format, 64, 48, ExifOrientation.Normal), ImageDecoder.Probe(bytes));
    }

    [Fact]
    public void Bmp_decodes_exactly()
    {
        var bytes = HandMadeBmp.Build(30, 20, (x, y) => Quadrant(x, y, 30, 20));

        var image = ImageDecoder.Decode(bytes);

        Assert.Equal((30, 20), (image.Width, image.Height));
        AssertQuadrants(image, tolerance: 0);
        Assert.Equal(ImageFormat.Bmp, ImageDecoder.Probe(bytes).Format);
    }

    [Fact]
    public void Gif_gives_its_first_frame()
    {
        var (width, height) = (12, 10);
        var firstFrame = Enumerable.Range(0, width * height).Select(i => (byte)(i % width < width / 2 ? 0 : 1)).ToArray(); // red | green
        var secondFrame = Enumerable.Repeat((byte)2, width * height).ToArray(); // all blue
        var bytes = HandMadeGif.Build(width, height, firstFrame, secondFrame);

        var image = ImageDecoder.Decode(bytes);

        Assert.Equal((width, height), (image.Width, image.Height));
        AssertColour(HandMadeGif.Palette[0], image[1, 5], 0, "left half");
        AssertColour(HandMadeGif.Palette[1], image[width - 2, 5], 0, "right half");
        Assert.Equal(ImageFormat.Gif, ImageDecoder.Probe(bytes).Format);
    }

    [Fact]
    public void Stream_and_file_overloads_decode_the_same_picture()
    {
        var bytes = Quadrants(32, 16, SKEncodedImageFormat.Png);
        var path = Path.Combine(Path.GetTempPath(), $"stylegallery-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var stream = new MemoryStream(bytes);
            Assert.Equal(ImageDecoder.Decode(bytes).Pixels, ImageDecoder.Decode(stream).Pixels);
            Assert.Equal(ImageDecoder.Decode(bytes).Pixels, ImageDecoder.DecodeFile(path).Pixels);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
