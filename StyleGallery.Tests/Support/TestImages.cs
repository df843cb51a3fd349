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

    /// <summary>The <paramref name="width"/>×<paramref name="height"/> window of <paramref name="image"/> whose top-left corner is (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public static RgbImage Crop(RgbImage image, int left, int top, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            Array.Copy(image.Pixels, ((top + y) * image.Width + left) * 3, pixels, y * width * 3, width * 3);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>
    /// How far <paramref name="later"/> is from <paramref name="earlier"/> seen through a camera that moved
    /// (<paramref name="dx"/>, <paramref name="dy"/>) whole pixels: the mean absolute difference of later(x, y) and
    /// earlier(x + dx, y + dy), away from the edges by <paramref name="margin"/>. 0 when the picture moved with the scene.
    /// </summary>
    public static double ShiftedDifference(RgbImage earlier, RgbImage later, int dx, int dy, int margin)
    {
        var (sum, count) = (0L, 0L);
        for (var y = margin; y < later.Height - margin; y++)
        for (var x = margin; x < later.Width - margin; x++)
        {
            var (ex, ey) = (x + dx, y + dy);
            if (ex < margin || ey < margin || ex >= earlier.Width - margin || ey >= earlier.Height - margin) continue;
            var (i, j) = ((y * later.Width + x) * 3, (ey * earlier.Width + ex) * 3);
            for (var c = 0; c < 3; c++) sum += Math.Abs(later.Pixels[i + c] - earlier.Pixels[j + c]);
            count += 3;
        }
        return (double)sum / count;
    }
}
