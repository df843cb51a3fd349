using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>The thin layer over <see cref="SKCodec"/>: open, read the header, decode the first frame.</summary>
internal static class SkiaCodec
{
    private static readonly SKColorSpace Srgb = SKColorSpace.CreateSrgb();

    /// <summary>Opens a codec, which parses only the header; refuses anything that is not one of our formats.</summary>
    public static SKCodec Open(byte[] data)
    {
        if (data.Length == 0) throw DecodeErrors.Empty();
        var codec = SKCodec.Create(new SKMemoryStream(data), out var result);
        if (codec is null)
            throw result == SKCodecResult.Unimplemented ? DecodeErrors.NotAnImage() : DecodeErrors.Corrupt(null);
        if (FormatOf(codec.EncodedFormat) is null)
        {
            var name = codec.EncodedFormat.ToString().ToUpperInvariant();
            codec.Dispose();
            throw DecodeErrors.UnsupportedFormat(name);
        }
        return codec;
    }

    public static ImageHeader ReadHeader(SKCodec codec) =>
        new(FormatOf(codec.EncodedFormat)!.Value, codec.Info.Width, codec.Info.Height, (ExifOrientation)(int)codec.EncodedOrigin);

    /// <summary>
    /// Decodes frame 0 as unpremultiplied sRGB RGBA (asked for explicitly: left to itself Skia picks
    /// BGRA or premultiplied alpha by platform) and flattens it onto white. The RGBA is Skia's memory, given back as soon
    /// as the picture is flattened rather than whenever the garbage collector gets to it.
    /// </summary>
    public static RgbImage DecodeFirstFrame(SKCodec codec, ImageFormat format)
    {
        using var rgba = DecodeRgba(codec, format, codec.Info.Width, codec.Info.Height);
        return WhiteBackground.Flatten(rgba.GetPixelSpan(), rgba.Width, rgba.Height);
    }

    /// <summary>Frame 0 at <paramref name="width"/> × <paramref name="height"/> (the stored size, or one the codec can scale to).</summary>
    public static SKBitmap DecodeRgba(SKCodec codec, ImageFormat format, int width, int height)
    {
        var info = RgbaInfo(width, height);
        var bitmap = new SKBitmap(info);
        try
        {
            var result = codec.GetPixels(info, bitmap.GetPixels());
            // IncompleteInput still fills the missing rows with grey; that is not the picture the user sent.
            if (result != SKCodecResult.Success) throw DecodeErrors.Corrupt(format);
            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>What every decode asks Skia for: unpremultiplied sRGB RGBA.</summary>
    public static SKImageInfo RgbaInfo(int width, int height) =>
        new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, Srgb);

    private static ImageFormat? FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => ImageFormat.Jpeg,
        SKEncodedImageFormat.Png => ImageFormat.Png,
        SKEncodedImageFormat.Webp => ImageFormat.Webp,
        SKEncodedImageFormat.Bmp => ImageFormat.Bmp,
        SKEncodedImageFormat.Gif => ImageFormat.Gif,
        _ => null,
    };
}
