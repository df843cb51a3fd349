using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services;

/// <summary>
/// Pictures of the style paintings, served at <c>/paintings/{styleId}</c>: the catalogue's, installed like its models
/// on first use (a style without one gets a drawn placeholder); a style trained here shows the copy of its painting
/// the engine keeps beside its network; paintings visitors added are found in <see cref="UserPaintingFiles"/>.
/// </summary>
public sealed class PaintingFiles(IStyleEngineClient engine, UserPaintingFiles userPaintings)
{
    public static string UrlOf(string styleId) => $"/paintings/{Uri.EscapeDataString(styleId)}";

    public string? UrlFor(string styleId) => HasPainting(styleId) ? UrlOf(styleId) : null;

    /// <summary>
    /// A fast style's painting URL. A trained style is taken to have its painting: the engine keeps a copy beside every
    /// network it trains (one from before those copies answers 404, and its card shows no picture).
    /// </summary>
    public string? UrlFor(FastStyleInfo style) => style.Origin == FastStyleOrigin.User ? UrlOf(style.Id) : UrlFor(style.Id);

    /// <summary>
    /// Whether the style's painting is here or can be: a visitor's stored upload, the catalogue's (installed, or
    /// installable from the mirror or a source), or a trained style's copy.
    /// </summary>
    public bool HasPainting(string styleId)
    {
        if (UserPaintingFiles.IsUserStyleId(styleId)) return userPaintings.Find(styleId) is not null;
        if (engine.PaintingIdOf(styleId) is not null) return engine.CanInstallPainting(styleId);
        return engine.FastStyles().Any(s => s.Id == styleId && s.Origin == FastStyleOrigin.User);
    }

    /// <summary>The file for a style id, installing a catalogue painting first when it is not yet; null when it has none.</summary>
    /// <exception cref="Engine.Models.ModelInstallException">The painting could not be installed.</exception>
    public async Task<string?> FindAsync(string styleId, CancellationToken cancellationToken) =>
        UserPaintingFiles.IsUserStyleId(styleId)
            ? userPaintings.Find(styleId)
            : await engine.PaintingFileAsync(styleId, install: true, cancellationToken);
}
