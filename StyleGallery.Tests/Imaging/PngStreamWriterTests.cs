using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Imaging;

public sealed class PngStreamWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(97, 61)]
    [InlineData(700, 500)] // more than one 256 KB IDAT chunk
    public void A_streamed_png_decodes_to_the_same_pixels(int width, int height)
    {
        var random = new Random(width);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels.AsSpan(0, pixels.Length / 2)); // half noise, half flat: every filter gets chosen
        var image = new RgbImage(width, height, pixels);
        using var png = new MemoryStream();

        ImageEncoder.EncodeTo(image, png, EncodedFormat.Png);

        Assert.Equal(pixels, ImageDecoder.Decode(png.ToArray()).Pixels);
    }

    [Fact]
    public void A_jpeg_streamed_to_a_file_is_the_jpeg_encoded_in_memory()
    {
        var image = TestImages.Gradient(120, 80);
        using var jpeg = new MemoryStream();
        ImageEncoder.EncodeTo(image, jpeg, EncodedFormat.Jpeg);
        Assert.Equal(ImageEncoder.Encode(image, EncodedFormat.Jpeg), jpeg.ToArray());
    }
}
