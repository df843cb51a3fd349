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

    /// <summary>Every thumbnail a picture can have.</summary>
    public static IEnumerable<string> KeysOf(string stem) => ThumbnailVariant.All.Select(v => KeyOf(stem, v));

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
    public async Task<string> FindOrMakeAsync(string stem, ThumbnailVariant variant, string source, CancellationToken ct)
    {
        if (Current(stem, variant, source) is { } found) return found;
        await Making.WaitAsync(ct);
        try
        {
            if (Current(stem, variant, source) is { } madeMeanwhile) return madeMeanwhile;
            Make(stem, variant.Shape, ThumbnailImages.Decode(source, variant.Shape));
            return files.LocalPath(KeyOf(stem, variant));
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

    private string? Current(string stem, ThumbnailVariant variant, string source)
    {
        var key = KeyOf(stem, variant);
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
