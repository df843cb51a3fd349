namespace StyleGallery.Engine.Imaging;

/// <summary>Enforces <see cref="ImageLimits"/> on sizes known before any pixel is decoded.</summary>
internal static class DecodeLimits
{
    public static void EnsureBytes(long length, ImageLimits limits)
    {
        if (length > limits.MaxBytes) throw DecodeErrors.TooLarge(length, limits.MaxBytes);
    }

    public static void EnsurePixels(ImageHeader header, ImageLimits limits)
    {
        var tooWide = Math.Max(header.Width, header.Height) > limits.MaxSide;
        if (tooWide || header.PixelCount > limits.MaxPixels) throw DecodeErrors.TooManyPixels(header, limits);
    }
}
