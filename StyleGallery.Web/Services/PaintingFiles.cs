using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Training;

namespace StyleGallery.Web.Services;

/// <summary>
/// Pictures of the style paintings, served at <c>/paintings/{styleId}</c>: the catalogue's, installed like its models
/// on first use (a style without one gets a drawn placeholder); a style trained here shows the copy of its painting
/// kept beside its network; paintings visitors added are found in <see cref="UserPaintingFiles"/>.
/// </summary>
public sealed class PaintingFiles(StyleGalleryEngine engine, UserPaintingFiles userPaintings)
{
    public string? UrlFor(string styleId) => HasPainting(styleId) ? $"/paintings/{Uri.EscapeDataString(styleId)}" : null;

    /// <summary>Whether the style's painting is here, or is the catalogue's and can be installed (from the mirror or a source).</summary>
    public bool HasPainting(string styleId) =>
        Find(styleId) is not null || (CataloguePainting(styleId) is { } id && (engine.Models.IsMirrored(id) || engine.Models.IsDownloadable(id)));

    /// <summary>The file for a style id, if it is on disk: one the catalogue verified, a visitor's stored upload or a trained style's copy.</summary>
    public string? Find(string styleId)
    {
        if (UserPaintingFiles.IsUserStyleId(styleId)) return userPaintings.Find(styleId);
        return engine.Catalog.Contains(styleId) ? engine.PaintingPathOf(styleId) : TrainedPainting(styleId);
    }

    /// <summary>As <see cref="Find"/>, installing a catalogue painting first when it is not yet.</summary>
    /// <exception cref="Engine.Models.ModelInstallException">The painting could not be installed.</exception>
    public async Task<string?> FindAsync(string styleId, CancellationToken cancellationToken)
    {
        if (Find(styleId) is { } path) return path;
        if (CataloguePainting(styleId) is not { } id) return null;
        await engine.EnsureInstalledAsync(id, null, cancellationToken);
        return Find(styleId);
    }

    private string? CataloguePainting(string styleId) => UserPaintingFiles.IsUserStyleId(styleId) ? null : engine.PaintingIdOf(styleId);

    private string? TrainedPainting(string styleId)
    {
        try { return engine.UserStyles.PaintingPathOf(styleId); }
        catch (InvalidUserStyleException) { return null; } // not an id any style could have
    }
}
