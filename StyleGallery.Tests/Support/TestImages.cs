using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Support;

/// <summary>Pictures made in code (no third-party images in the tests) and a way to compare two.</summary>
public static class TestImages
{
    /// <summary>Red rising left to right, green top to bottom, a constant blue: every pixel differs from its neighbours.</summary>
    public static RgbImage Gradient(int width, int height, byte blue = 128)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(255 * x / width), (byte)(255 * y / height), blue);
            }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Mean absolute difference of the channel values of two pictures of the same size, in grey levels.</summary>
    public static double MeanAbsoluteDifference(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels, (x, y) => Math.Abs(x - y)).Average();
}
