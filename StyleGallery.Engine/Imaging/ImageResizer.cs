using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// High-quality resizing. Downscaling first halves the picture with exact 2×2 averages while it is at
/// least twice the target (a single cubic pass would skip pixels and alias fine detail), then makes
/// the last, less-than-2× step with Mitchell–Netravali cubic, which is also used for enlarging.
/// </summary>
public static class ImageResizer
{
    /// <summary>Bilinear at exactly half size samples midway between four pixels: a 2×2 box average.</summary>
    private static readonly SKSamplingOptions BoxHalving = new(SKFilterMode.Linear, SKMipmapMode.None);

    private static readonly SKSamplingOptions Cubic = new(SKCubicResampler.Mitchell);

    /// <summary>Shrinks so the longer side is at most <paramref name="maxSide"/>; never enlarges, and returns <paramref name="image"/> itself when it already fits.</summary>
    public static RgbImage FitWithin(RgbImage image, int maxSide)
    {
        var (width, height) = ScaledSize(image.Width, image.Height, maxSide);
        return Resize(image, width, height);
    }

    /// <summary>Shrinks so width × height is at most <paramref name="maxPixels"/>; never enlarges.</summary>
    public static RgbImage ScaleToArea(RgbImage image, long maxPixels)
    {
        var (width, height) = AreaSize(image.Width, image.Height, maxPixels);
        return Resize(image, width, height);
    }

    /// <summary>The size with the same aspect ratio whose longer side is at most <paramref name="maxSide"/> (unchanged if it fits).</summary>
    public static (int Width, int Height) ScaledSize(int width, int height, int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var longer = Math.Max(width, height);
        return longer <= maxSide ? (width, height) : Scale(width, height, (double)maxSide / longer);
    }

    /// <summary>The size whose longest side is exactly <paramref name="side"/>, keeping the aspect ratio (may enlarge).</summary>
    public static (int Width, int Height) SizeWithLongestSide(int width, int height, int side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        return Scale(width, height, (double)side / Math.Max(width, height));
    }

    /// <summary>The size with the same aspect ratio holding at most <paramref name="maxPixels"/> pixels (unchanged if it fits).</summary>
    public static (int Width, int Height) AreaSize(int width, int height, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        var area = (long)width * height;
        if (area <= maxPixels) return (width, height);
        var factor = Math.Sqrt((double)maxPixels / area);
        var (w, h) = (Math.Max(1, (int)(width * factor)), Math.Max(1, (int)(height * factor)));
        return (w, h);
    }

    /// <summary>Resamples to exactly <paramref name="width"/> × <paramref name="height"/>; returns <paramref name="image"/> itself when the size is unchanged.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height) return image;
        return Resize(SkiaBitmaps.FromRgb(image), width, height);
    }

    /// <summary>As <see cref="Resize(RgbImage, int, int)"/> from an opaque RGBA bitmap, which it disposes.</summary>
    internal static RgbImage Resize(SKBitmap source, int width, int height)
    {
        var current = source;
        try
        {
            while (HalvedTowards(current, width, height) is var (w, h) && (w != current.Width || h != current.Height))
                current = Replace(current, Sample(current, w, h, BoxHalving));
            current = Replace(current, Sample(current, width, height, Cubic));
            return SkiaBitmaps.ToRgb(current);
        }
        finally
        {
            current.Dispose();
        }
    }

    private static (int Width, int Height) Scale(int width, int height, double factor) =>
        (Math.Max(1, (int)Math.Round(width * factor)), Math.Max(1, (int)Math.Round(height * factor)));

    private static (int Width, int Height) HalvedTowards(SKBitmap current, int width, int height) =>
        (HalvedTowards(current.Width, width), HalvedTowards(current.Height, height));

    private static int HalvedTowards(int size, int target) => size >= 2 * target ? size / 2 : size;

    private static SKBitmap Replace(SKBitmap old, SKBitmap next)
    {
        if (!ReferenceEquals(old, next)) old.Dispose();
        return next;
    }

    private static SKBitmap Sample(SKBitmap source, int width, int height, SKSamplingOptions sampling)
    {
        if (source.Width == width && source.Height == height) return source;
        var target = SkiaBitmaps.Blank(width, height);
        if (source.ScalePixels(target, sampling)) return target;
        target.Dispose();
        throw new InvalidOperationException($"Skia could not scale {source.Width}x{source.Height} to {width}x{height}.");
    }
}
