using StyleGallery.Engine.Storage;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// Thumbnails of the studio's sample photos, served at <c>/samples/{name}/{variant}</c>, made on first request and kept
/// under <c>thumbs/samples/</c> (the samples' folder may be read-only, and is the operator's).
/// </summary>
public sealed class SampleThumbnails(SamplePhotos samples, IFileStore files)
{
    private readonly ThumbnailFiles _thumbnails = new(files);

    /// <summary>Where the thumbnail is on this machine; null for a name that is not a listed sample.</summary>
    /// <exception cref="Engine.Imaging.DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> FindAsync(string name, ThumbnailVariant variant, CancellationToken ct) =>
        samples.PathOf(name) is { } photo ? await _thumbnails.FindOrMakeAsync($"thumbs/samples/{name}", variant, photo, ct) : null;
}
