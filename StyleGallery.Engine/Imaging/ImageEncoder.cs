using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>Writes an <see cref="RgbImage"/> as PNG, JPEG or WebP, with no metadata (no EXIF, no colour profile).</summary>
public static class ImageEncoder
{
    public const int DefaultQuality = 92;

    /// <param name="quality">1–100 for JPEG and lossy WebP; PNG is lossless and ignores it.</param>
    public static byte[] Encode(RgbImage image, EncodedFormat format, int quality = DefaultQuality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var bitmap = SkiaBitmaps.FromRgb(image);
        using var pixmap = bitmap.PeekPixels();
        using var data = EncodeWith(pixmap, format, quality)
            ?? throw new InvalidOperationException($"Skia could not encode a {image.Width}x{image.Height} picture as {format}.");
        return data.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="output"/> without holding the encoded file in memory. PNG is
    /// written row by row (<see cref="PngStreamWriter"/>: no copy of the picture at all); JPEG and WebP go through Skia,
    /// whose encoders need the whole picture as 4-byte pixels (SkiaSharp exposes no row-by-row encoder), so they hold one
    /// RGBA copy while they write.
    /// </summary>
    public static void EncodeTo(RgbImage image, Stream output, EncodedFormat format, int quality = DefaultQuality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        if (format == EncodedFormat.Png)
        {
            PngStreamWriter.Write(image, output);
            return;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var bitmap = SkiaBitmaps.FromRgb(image);
        using var pixmap = bitmap.PeekPixels();
        using var stream = new SKManagedWStream(output);
        var written = format switch
        {
            EncodedFormat.Jpeg => pixmap.Encode(stream, new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            EncodedFormat.Webp => pixmap.Encode(stream, new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        if (!written) throw new InvalidOperationException($"Skia could not encode a {image.Width}x{image.Height} picture as {format}.");
    }

    private static SKData? EncodeWith(SKPixmap pixmap, EncodedFormat format, int quality) => format switch
    {
        EncodedFormat.Png => pixmap.Encode(SKPngEncoderOptions.Default),
        EncodedFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
        EncodedFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
