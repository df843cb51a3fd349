using SkiaSharp;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

/// <summary>Pictures drawn and encoded in the tests themselves with SkiaSharp (no third-party files).</summary>
internal static class TestPictures
{
    public static readonly (byte R, byte G, byte B) Red = (255, 0, 0);
    public static readonly (byte R, byte G, byte B) Green = (0, 255, 0);
    public static readonly (byte R, byte G, byte B) Blue = (0, 0, 255);
    public static readonly (byte R, byte G, byte B) Yellow = (255, 255, 0);

    /// <summary>Red top-left, green top-right, blue bottom-left, yellow bottom-right.</summary>
    public static (byte R, byte G, byte B) Quadrant(int x, int y, int width, int height) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => Red,
            (false, true) => Green,
            (true, false) => Blue,
            _ => Yellow,
        };

    public static SKBitmap Draw(int width, int height, Func<int, int, SKColor> colourAt)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colourAt(x, y));
        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 95)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Quadrants(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = Draw(width, height, (x, y) => ToSk(Quadrant(x, y, width, height)));
        return Encode(bitmap, format);
    }

    public static SKColor ToSk((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);

    /// <summary>Asserts each channel is within <paramref name="tolerance"/> of the expected colour.</summary>
    public static void AssertColour((byte R, byte G, byte B) expected, (byte R, byte G, byte B) actual, int tolerance, string where = "")
    {
        var close = Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance
            && Math.Abs(expected.B - actual.B) <= tolerance;
        Assert.True(close, $"{where}: expected {expected} ±{tolerance}, got {actual}");
    }

    public static void AssertQuadrants(RgbImage image, int tolerance)
    {
        var (w, h) = (image.Width, image.Height);
        foreach (var (x, y) in new[] { (w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4) })
            AssertColour(Quadrant(x, y, w, h), image[x, y], tolerance, $"({x},{y})");
    }
}
