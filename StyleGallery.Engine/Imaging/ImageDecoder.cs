namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Turns an uploaded JPEG, PNG, WebP, BMP or GIF (first frame) into an upright <see cref="RgbImage"/>:
/// EXIF orientation applied, grey expanded to three channels, transparency flattened onto white.
/// Every refusal is an <see cref="ImageDecodeException"/>; limits are checked before decoding.
/// </summary>
public static class ImageDecoder
{
    public static RgbImage Decode(byte[] data, ImageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        limits ??= ImageLimits.Default;
        DecodeLimits.EnsureBytes(data.Length, limits);
        using var codec = SkiaCodec.Open(data);
        var header = SkiaCodec.ReadHeader(codec);
        DecodeLimits.EnsurePixels(header, limits);
        var stored = SkiaCodec.DecodeFirstFrame(codec, header.Format);
        return ExifRotation.MakeUpright(stored, header.Orientation);
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
}
