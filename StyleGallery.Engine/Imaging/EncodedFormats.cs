namespace StyleGallery.Engine.Imaging;

/// <summary>File extensions and MIME types of <see cref="EncodedFormat"/>.</summary>
public static class EncodedFormats
{
    /// <summary>The format a path, file name or bare extension ("out.jpg", ".webp", "png") asks for.</summary>
    /// <exception cref="ArgumentException">An extension that is not .png, .jpg, .jpeg or .webp.</exception>
    public static EncodedFormat FromExtension(string path) =>
        TryFromExtension(path, out var format)
            ? format
            : throw new ArgumentException($"Cannot write '{path}': use a .png, .jpg, .jpeg or .webp file name.", nameof(path));

    public static bool TryFromExtension(string path, out EncodedFormat format)
    {
        var extension = Path.GetExtension(path);
        var name = (extension.Length > 0 ? extension : path).TrimStart('.').ToLowerInvariant();
        (var known, format) = name switch
        {
            "png" => (true, EncodedFormat.Png),
            "jpg" or "jpeg" => (true, EncodedFormat.Jpeg),
            "webp" => (true, EncodedFormat.Webp),
            _ => (false, default),
        };
        return known;
    }

    public static string MimeType(this EncodedFormat format) => format switch
    {
        EncodedFormat.Png => "image/png",
        EncodedFormat.Jpeg => "image/jpeg",
        EncodedFormat.Webp => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The usual extension, with its dot.</summary>
    public static string Extension(this EncodedFormat format) => format switch
    {
        EncodedFormat.Png => ".png",
        EncodedFormat.Jpeg => ".jpg",
        EncodedFormat.Webp => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
