using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

/// <summary>
/// Each orientation on a 3×2 picture whose pixels are numbered 1..6 row by row:
/// <code>
/// 1 2 3
/// 4 5 6
/// </code>
/// Expected layouts were drawn by hand from the EXIF definitions.
/// </summary>
public sealed class ExifRotationTests
{
    [Theory]
    [InlineData(ExifOrientation.Normal, 3, new byte[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(ExifOrientation.MirrorHorizontal, 3, new byte[] { 3, 2, 1, 6, 5, 4 })]
    [InlineData(ExifOrientation.Rotate180, 3, new byte[] { 6, 5, 4, 3, 2, 1 })]
    [InlineData(ExifOrientation.MirrorVertical, 3, new byte[] { 4, 5, 6, 1, 2, 3 })]
    [InlineData(ExifOrientation.Transpose, 2, new byte[] { 1, 4, 2, 5, 3, 6 })]
    [InlineData(ExifOrientation.Rotate90Clockwise, 2, new byte[] { 4, 1, 5, 2, 6, 3 })]
    [InlineData(ExifOrientation.Transverse, 2, new byte[] { 6, 3, 5, 2, 4, 1 })]
    [InlineData(ExifOrientation.Rotate270Clockwise, 2, new byte[] { 3, 6, 2, 5, 1, 4 })]
    public void Pixels_are_rearranged_as_drawn(ExifOrientation orientation, int uprightWidth, byte[] expected)
    {
        var stored = new RgbImage(3, 2, [.. Enumerable.Range(1, 6).SelectMany(v => new[] { (byte)v, (byte)(v * 10), (byte)(v * 20) })]);

        var upright = ExifRotation.MakeUpright(stored, orientation);

        Assert.Equal((uprightWidth, 6 / uprightWidth), (upright.Width, upright.Height));
        var red = Enumerable.Range(0, 6).Select(i => upright.Pixels[i * 3]).ToArray();
        Assert.Equal(expected, red);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(upright.Pixels[i * 3] * 10, upright.Pixels[i * 3 + 1]));
    }

    [Fact]
    public void Normal_returns_the_same_image()
    {
        var image = RgbImage.Filled(2, 2, 1, 2, 3);

        Assert.Same(image, ExifRotation.MakeUpright(image, ExifOrientation.Normal));
    }
}
