namespace StyleGallery.Engine.Imaging;

/// <summary>An 8-bit RGB picture, rows top to bottom, pixels interleaved R,G,B. The engine's one image type.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != checked(width * height * 3))
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} RGB, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>The <paramref name="width"/>×<paramref name="height"/> window whose top-left pixel is (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public RgbImage Crop(int left, int top, int width, int height)
    {
        if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > Width || top + height > Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"A {width}×{height} window at ({left}, {top}) does not fit a {Width}×{Height} picture.");
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            Array.Copy(Pixels, ((top + y) * Width + left) * 3, pixels, y * width * 3, width * 3);
        return new RgbImage(width, height, pixels);
    }

    public static RgbImage Filled(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        return new RgbImage(width, height, pixels);
    }
}
