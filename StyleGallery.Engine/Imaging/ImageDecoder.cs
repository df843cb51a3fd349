using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Turns an uploaded JPEG, PNG, WebP, BMP or GIF (first frame) into an upright <see cref="RgbImage"/>:
/// EXIF orientation applied, grey expanded to three channels, transparency flattened onto white.
/// Every refusal is an <see cref="ImageDecodeException"/>; limits are checked before decoding. Every decode holds its
/// pixels from a <see cref="DecodeBudget"/> (<see cref="DecodeBudget.Shared"/> unless given one) and is refused with
/// <see cref="DecodeBusyException"/> when the budget stays full.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The whole picture at its stored size.</summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public static RgbImage Decode(byte[] data, ImageLimits? limits = null, DecodeBudget? budget = null)
    {
        using var codec = OpenChecked(data, limits, out var header);
        using (Budget(budget).Acquire(header.PixelCount))
        {
            var stored = SkiaCodec.DecodeFirstFrame(codec, header.Format);
            return ExifRotation.MakeUpright(stored, header.Orientation);
        }
    }

    /// <summary>
    /// The picture shrunk so its longer side is at most <paramref name="maxSide"/>, as
    /// <c>ImageResizer.FitWithin(Decode(data), maxSide)</c> but with memory in proportion to that size, not the stored one:
    /// the full-size picture never exists where the codec allows (see <c>ReducedDecoding</c>). A picture that already fits
    /// is decoded exactly as <see cref="Decode(byte[], ImageLimits?, DecodeBudget?)"/> does; a larger one may differ from
    /// decoding then resizing by a level or two of 255 where the averaging is grouped differently. The longer side is
    /// the same whichever way the picture stands, so the size is fitted before the EXIF orientation is applied.
    /// </summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public static RgbImage DecodeToFit(byte[] data, int maxSide, ImageLimits? limits = null, DecodeBudget? budget = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        using var codec = OpenChecked(data, limits, out var header);
        var (width, height) = ImageResizer.ScaledSize(header.Width, header.Height, maxSide);
        if (width == header.Width && height == header.Height)
        {
            using (Budget(budget).Acquire(header.PixelCount))
                return ExifRotation.MakeUpright(SkiaCodec.DecodeFirstFrame(codec, header.Format), header.Orientation);
        }
        var reduced = ReducedDecoding.Decode(codec, header, data, width, height, Budget(budget));
        return ExifRotation.MakeUpright(reduced, header.Orientation);
    }

    private static DecodeBudget Budget(DecodeBudget? budget) => budget ?? DecodeBudget.Shared;

    /// <summary>Opens the codec once the file's length and the header's size are within the limits.</summary>
    private static SKCodec OpenChecked(byte[] data, ImageLimits? limits, out ImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(data);
        limits ??= ImageLimits.Default;
        DecodeLimits.EnsureBytes(data.Length, limits);
        var codec = SkiaCodec.Open(data);
        try
        {
            header = SkiaCodec.ReadHeader(codec);
            DecodeLimits.EnsurePixels(header, limits);
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    /// <summary>Reads at most <see cref="ImageLimits.MaxBytes"/> + 1 bytes, then refuses.</summary>
    public static RgbImage Decode(Stream stream, ImageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ImageLimits.Default;
        return Decode(BoundedRead.ReadAll(stream, limits.MaxBytes), limits);
    }

    /// <exception cref="FileNotFoundException">No such file (not a decoding problem, so not an <see cref="ImageDecodeException"/>).</exception>
    public static RgbImage DecodeFile(string path, ImageLimits? limits = null)
    {
        using var file = File.OpenRead(path);
        return Decode(file, limits);
    }

    /// <summary>Format, stored size and orientation from the header alone; no pixels are decoded.</summary>
    public static ImageHeader Probe(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var codec = SkiaCodec.Open(data);
        return SkiaCodec.ReadHeader(codec);
    }

    /// <summary>
    /// <see cref="Probe(byte[])"/> within <paramref name="limits"/>: a file too long, or whose header declares too many pixels
    /// (a decompression bomb), is refused as a decode would refuse it, still without decoding a pixel.
    /// </summary>
    public static ImageHeader Probe(byte[] data, ImageLimits limits)
    {
        using var codec = OpenChecked(data, limits, out var header);
        return header;
    }
}
