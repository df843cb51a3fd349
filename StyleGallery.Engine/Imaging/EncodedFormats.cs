namespace StyleGallery.Engine.Imaging;

/// <summary>
/// File extensions and MIME types of pictures: of <see cref="EncodedFormat"/>, what the engine writes, and of BMP and GIF,
/// which it only reads. The one map of extension to MIME type in the solution.
/// </summary>
public static class EncodedFormats
{
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".bmp"] = "image/bmp",
        [".gif"] = "image/gif",
    };

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

    public static string MimeType(this EncodedFormat format) => MimeTypes[format.Extension()];

    /// <summary>The MIME type of a picture file by its extension (any the decoder reads); null for any other file.</summary>
    public static string? MimeTypeOf(string path) => MimeTypes.GetValueOrDefault(Path.GetExtension(path));

    /// <summary>Whether a MIME type is one of a picture the decoder reads: a browser's claim is checked before it is echoed back.</summary>
    public static bool IsPictureMimeType(string mimeType) => MimeTypes.ContainsValue(mimeType);

    /// <summary>The usual extension, with its dot.</summary>
    public static string Extension(this EncodedFormat format) => format switch
    {
        EncodedFormat.Png => ".png",
        EncodedFormat.Jpeg => ".jpg",
        EncodedFormat.Webp => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
