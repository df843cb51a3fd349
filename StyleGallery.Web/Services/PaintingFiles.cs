using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Training;

namespace StyleGallery.Web.Services;

/// <summary>
/// Pictures of the style paintings, when a folder of them is configured (development: ../shared/images/styles),
/// found by the catalogue's painting file name. Served at <c>/paintings/{styleId}</c>; a style without one gets
/// a drawn placeholder instead. A style trained here shows the copy of its painting kept beside its network;
/// paintings visitors added are found in <see cref="UserPaintingFiles"/>.
/// </summary>
public sealed class PaintingFiles(StyleGalleryWebOptions options, StyleGalleryEngine engine, UserPaintingFiles userPaintings)
{
    public string? UrlFor(string styleId) => Find(styleId) is null ? null : $"/paintings/{Uri.EscapeDataString(styleId)}";

    /// <summary>The file for a style id; never outside the configured folder.</summary>
    public string? Find(string styleId)
    {
        if (UserPaintingFiles.IsUserStyleId(styleId)) return userPaintings.Find(styleId);
        if (!engine.Catalog.Contains(styleId)) return TrainedPainting(styleId);
        if (options.PaintingsDirectory is not { } folder) return null;
        if (engine.Catalog.Get(styleId).Painting?.ImageFile is not { } file || Path.GetFileName(file) != file) return null;
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : null;
    }

    private string? TrainedPainting(string styleId)
    {
        try { return engine.UserStyles.PaintingPathOf(styleId); }
        catch (InvalidUserStyleException) { return null; } // not an id any style could have
    }
}
