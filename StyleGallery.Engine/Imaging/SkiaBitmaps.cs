using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>Copies between <see cref="RgbImage"/> and opaque RGBA Skia bitmaps (Skia has no 3-byte pixel format).</summary>
internal static class SkiaBitmaps
{
    public static SKBitmap Blank(int width, int height) =>
        new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));

    public static SKBitmap FromRgb(RgbImage image)
    {
        var bitmap = Blank(image.Width, image.Height);
        var rgba = bitmap.GetPixelSpan();
        var rgb = image.Pixels;
        for (int s = 0, t = 0; s < rgb.Length; s += 3, t += 4)
        {
            rgba[t] = rgb[s];
            rgba[t + 1] = rgb[s + 1];
            rgba[t + 2] = rgb[s + 2];
            rgba[t + 3] = 255;
        }
        return bitmap;
    }

    public static RgbImage ToRgb(SKBitmap bitmap)
    {
        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int s = 0, t = 0; t < rgb.Length; s += 4, t += 3)
        {
            rgb[t] = rgba[s];
            rgb[t + 1] = rgba[s + 1];
            rgb[t + 2] = rgba[s + 2];
        }
        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }
}
