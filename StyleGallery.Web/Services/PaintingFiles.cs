namespace StyleGallery.Web.Services;

/// <summary>
/// Pictures of the style paintings, when a folder of them is configured (development: ../shared/images/styles).
/// Served at <c>/paintings/{styleId}</c>; a style without one gets a drawn placeholder instead.
/// </summary>
public sealed class PaintingFiles(StyleGalleryWebOptions options)
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp"];

    public string? UrlFor(string styleId) => Find(styleId) is null ? null : $"/paintings/{Uri.EscapeDataString(styleId)}";

    /// <summary>The file for a style id, never outside the configured folder.</summary>
    public string? Find(string styleId)
    {
        if (options.PaintingsDirectory is not { } folder || !Directory.Exists(folder)) return null;
        if (styleId.Length == 0 || styleId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))) return null;
        return Extensions.Select(ext => Path.Combine(folder, styleId + ext)).FirstOrDefault(File.Exists);
    }
}
