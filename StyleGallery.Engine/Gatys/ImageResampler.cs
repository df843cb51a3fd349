using System.Runtime.InteropServices;
using SkiaSharp;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Resizing for the Gatys engine with SkiaSharp (mipmapped linear down, Mitchell cubic up).
/// A local stand-in: Imaging/ImageResizer was not in this branch when the engine was written.
/// </summary>
internal static class ImageResampler
{
    /// <summary>The size that fits <paramref name="maxSide"/> on the longest side, keeping the aspect ratio.</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxSide)
    {
        var scale = (double)maxSide / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image;
        using var source = ToBitmap(image);
        var sampling = width < image.Width || height < image.Height
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        using var resized = source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), sampling)
            ?? throw new InvalidOperationException($"SkiaSharp could not resize {image.Width}x{image.Height} to {width}x{height}.");
        return FromBitmap(resized);
    }

    private static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], 255);
        CopyRows(rgba, bitmap);
        return bitmap;
    }

    private static void CopyRows(byte[] rgba, SKBitmap bitmap)
    {
        var rowLength = bitmap.Width * 4;
        for (var y = 0; y < bitmap.Height; y++)
            Marshal.Copy(rgba, y * rowLength, bitmap.GetPixels() + y * bitmap.RowBytes, rowLength);
    }

    private static RgbImage FromBitmap(SKBitmap bitmap)
    {
        var rowLength = bitmap.Width * 4;
        var row = new byte[rowLength];
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (var y = 0; y < bitmap.Height; y++)
        {
            Marshal.Copy(bitmap.GetPixels() + y * bitmap.RowBytes, row, 0, rowLength);
            for (int x = 0, o = y * bitmap.Width * 3; x < rowLength; x += 4, o += 3)
                (rgb[o], rgb[o + 1], rgb[o + 2]) = (row[x], row[x + 1], row[x + 2]);
        }
        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}
