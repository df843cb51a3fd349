using StyleGallery.Engine.Models;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// Thumbnails of the style paintings, served at <c>/paintings/{styleId}/{variant}</c>: a visitor's painting has its
/// own, made when it was uploaded (<see cref="UserPaintingFiles"/>); the catalogue's and trained styles' are made from
/// <see cref="PaintingFiles"/> on first request and kept under <c>thumbs/paintings/</c>.
/// </summary>
public sealed class PaintingThumbnails(PaintingFiles paintings, UserPaintingFiles userPaintings, IFileStore files)
{
    private readonly ThumbnailFiles _thumbnails = new(files);

    /// <summary>
    /// Where the thumbnail is on this machine; null when the style has no painting, is unknown, or its painting cannot be
    /// installed (the card shows its title alone; the setup panel tells why installs fail).
    /// </summary>
    /// <exception cref="Engine.Imaging.DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> FindAsync(string styleId, ThumbnailVariant variant, CancellationToken ct)
    {
        if (UserPaintingFiles.IsUserStyleId(styleId)) return await userPaintings.ThumbnailAsync(styleId, variant, ct);
        try
        {
            return await paintings.FindAsync(styleId, ct) is { } painting ? await _thumbnails.FindOrMakeAsync(StemOf(styleId), variant, painting, ct) : null;
        }
        catch (ModelInstallException)
        {
            return null;
        }
    }

    /// <summary>Deletes a trained style's thumbnails with it: they are made from a visitor's painting.</summary>
    public void Delete(string styleId) => _thumbnails.Delete(StemOf(styleId));

    private static string StemOf(string styleId) => $"thumbs/paintings/{styleId}";
}
