using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Imaging;

/// <summary>The photos in ../shared decode to the sizes their headers state (read with `file`) and are not blank.</summary>
public sealed class ImageDecoderRealPhotoTests
{
    [Theory]
    [InlineData("tubingen.jpg", 1024, 768)]
    [InlineData("golden_gate.jpg", 979, 734)]
    [InlineData("chicago.jpg", 712, 474)]        // progressive
    [InlineData("amber.jpg", 1080, 1080)]        // progressive
    [InlineData("dog_samoyed.jpg", 1546, 1213)]  // carries EXIF, orientation 1
    [InlineData("chelsea_cat.png", 451, 300)]
    [InlineData("motorcycle_left.png", 741, 500)]
    public void Photo_decodes_at_its_size_with_real_content(string file, int width, int height)
    {
        var image = ImageDecoder.DecodeFile(SharedData.Content(file));

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.InRange(StandardDeviation(image.Pixels), 20, 128);
    }

    private static double StandardDeviation(byte[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
