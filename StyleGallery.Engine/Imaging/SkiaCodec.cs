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
    /// BGRA or premultiplied alpha by platform) and flattens it onto white.
    /// </summary>
    public static RgbImage DecodeFirstFrame(SKCodec codec, ImageFormat format)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, Srgb);
        var rgba = new byte[info.BytesSize64];
        var result = codec.GetPixels(info, rgba);
        // IncompleteInput still fills the missing rows with grey; that is not the picture the user sent.
        if (result != SKCodecResult.Success) throw DecodeErrors.Corrupt(format);
        return WhiteBackground.Flatten(rgba, info.Width, info.Height);
    }

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
