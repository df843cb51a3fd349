using SkiaSharp;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

/// <summary>JPEGs carrying a hand-written EXIF Orientation tag come out upright.</summary>
public sealed class ImageDecoderOrientationTests
{
    private const int StoredWidth = 64, StoredHeight = 32;

    /// <summary>
    /// Where the stored top-left (red), top-right (green), bottom-left (blue) and bottom-right (yellow)
    /// corners must appear once upright, worked out from the EXIF 2.3 definitions of each value
    /// ("row 0 is the visual top/right/..., column 0 is the visual left/top/...").
    /// </summary>
    [Theory]
    [InlineData(1, "TL", "TR", "BL", "BR", false)]
    [InlineData(2, "TR", "TL", "BR", "BL", false)]
    [InlineData(3, "BR", "BL", "TR", "TL", false)]
    [InlineData(3, "BR", "BL", "TR", "TL", true)]
    [InlineData(4, "BL", "BR", "TL", "TR", false)]
    [InlineData(5, "TL", "BL", "TR", "BR", false)]
    [InlineData(6, "TR", "BR", "TL", "BL", false)]
    [InlineData(6, "TR", "BR", "TL", "BL", true)]
    [InlineData(7, "BR", "TR", "BL", "TL", false)]
    [InlineData(8, "BL", "TL", "BR", "TR", false)]
    public void Stored_corners_land_where_the_orientation_says(int orientation, string red, string green, string blue, string yellow, bool bigEndian)
    {
        var jpeg = ExifInjector.WithOrientation(Quadrants(StoredWidth, StoredHeight, SKEncodedImageFormat.Jpeg), orientation, bigEndian);

        var image = ImageDecoder.Decode(jpeg);

        var swaps = orientation >= 5;
        Assert.Equal(swaps ? (StoredHeight, StoredWidth) : (StoredWidth, StoredHeight), (image.Width, image.Height));
        AssertColour(Red, image.At(red), 20, "red");
        AssertColour(Green, image.At(green), 20, "green");
        AssertColour(Blue, image.At(blue), 20, "blue");
        AssertColour(Yellow, image.At(yellow), 20, "yellow");
    }

    [Fact]
    public void Probe_reports_stored_size_and_orientation()
    {
        var jpeg = ExifInjector.WithOrientation(Quadrants(StoredWidth, StoredHeight, SKEncodedImageFormat.Jpeg), 6);

        var header = ImageDecoder.Probe(jpeg);

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, StoredWidth, StoredHeight, ExifOrientation.Rotate90Clockwise), header);
        Assert.Equal((StoredHeight, StoredWidth), (header.UprightWidth, header.UprightHeight));
    }
}
