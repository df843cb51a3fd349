using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Web.Services.Thumbnails;

/// <summary>
/// The thumbnails of pictures, kept in the app's file store under their picture's stem (<c>results/{id}</c> →
/// <c>results/{id}.thumb-card-240.webp</c>): made once, from the picture as it arrives or on the first request of
/// one, and kept until the picture goes. A thumbnail older than its picture is made again.
/// </summary>
public sealed class ThumbnailFiles(IFileStore files)
{
    /// <summary>
    /// At most this many thumbnails are made at once in the process: a gallery's first visitor asks for a dozen at once,
    /// and decoding them all together would only make each wait longer (and take a dozen paintings' memory).
    /// </summary>
    private static readonly SemaphoreSlim Making = new(Math.Max(1, Environment.ProcessorCount / 2));

    public static string KeyOf(string stem, ThumbnailVariant variant) => $"{stem}.thumb-{variant.FileName}";

    /// <summary>The picture's <see cref="ThumbnailImages.View">view</see>, for a page that shows it large.</summary>
    public static string ViewKeyOf(string stem) => $"{stem}.view.webp";

    /// <summary>Every thumbnail a picture can have, and its view.</summary>
    public static IEnumerable<string> KeysOf(string stem) => [.. ThumbnailVariant.All.Select(v => KeyOf(stem, v)), ViewKeyOf(stem)];

    /// <summary>Makes every thumbnail of a picture already decoded (an upload as the app's safe decoder gave it).</summary>
    public void MakeAll(string stem, RgbImage picture)
    {
        foreach (var shape in ThumbnailShape.All) Make(stem, shape, picture);
    }

    /// <summary>
    /// Where the thumbnail of the picture in <paramref name="source"/> is on this machine, made with the rest of its shape
    /// (one decode for the four files) when it is missing or older than the picture.
    /// </summary>
    /// <exception cref="ImageDecodeException">The picture cannot be read.</exception>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public Task<string> FindOrMakeAsync(string stem, ThumbnailVariant variant, string source, CancellationToken ct) =>
        FindOrMakeAsync(KeyOf(stem, variant), source, () => Make(stem, variant.Shape, ThumbnailImages.Decode(source, variant.Shape)), ct);

    /// <summary>Where the <see cref="ThumbnailImages.View">view</see> of the picture in <paramref name="source"/> is, made when missing or older than the picture.</summary>
    /// <exception cref="ImageDecodeException">The picture cannot be read.</exception>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public Task<string> FindOrMakeViewAsync(string stem, string source, CancellationToken ct) =>
        FindOrMakeAsync(ViewKeyOf(stem), source, () => files.Write(ViewKeyOf(stem), ThumbnailImages.View(ThumbnailImages.DecodeForView(source))), ct);

    private async Task<string> FindOrMakeAsync(string key, string source, Action make, CancellationToken ct)
    {
        if (Current(key, source) is { } found) return found;
        await Making.WaitAsync(ct);
        try
        {
            if (Current(key, source) is { } madeMeanwhile) return madeMeanwhile;
            make();
            return files.LocalPath(key);
        }
        finally
        {
            Making.Release();
        }
    }

    public void Delete(string stem)
    {
        foreach (var key in KeysOf(stem)) files.Delete(key);
    }

    public long SizeOf(string stem) => KeysOf(stem).Sum(files.SizeOf);

    private string? Current(string key, string source)
    {
        if (!files.Exists(key)) return null;
        var path = files.LocalPath(key);
        return File.GetLastWriteTimeUtc(path) >= File.GetLastWriteTimeUtc(source) ? path : null;
    }

    private void Make(string stem, ThumbnailShape shape, RgbImage picture)
    {
        foreach (var width in shape.Widths)
        {
            var thumbnail = ThumbnailImages.Make(picture, shape, width);
            foreach (var format in ThumbnailVariant.Formats)
                files.Write(KeyOf(stem, new ThumbnailVariant(shape, width, format)), ThumbnailImages.Encode(thumbnail, format));
        }
    }
}
