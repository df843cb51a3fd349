using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Storage;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Services;

/// <summary>
/// A picture's files in the app's file store (the data folder), named by its unguessable id (128 random bits,
/// URL-safe), so a result's link is its only key: <c>results/{id}.png</c> (the picture), <c>{id}.content.jpg</c> (the
/// photo it was made from, re-encoded and downscaled, never the raw upload) and the thumbnails of both,
/// <c>{id}.thumb-card-240.webp</c> and <c>{id}.content.thumb-small-120.jpg</c>, and the picture's view for the share
/// page, <c>{id}.view.webp</c> (<see cref="ThumbnailFiles"/>, made on first request). Pictures arrive as the engine's PNG
/// bytes; the smaller files are made from them here.
/// </summary>
public sealed class ResultStore(IFileStore files)
{
    /// <summary>The stored content photo's longest side: enough for a thumbnail and a comparison, not a copy of the upload.</summary>
    public const int ContentMaxSide = 1024;

    private readonly ThumbnailFiles _thumbnails = new(files);

    /// <summary>A new picture id; it has a job id's shape, since an optimisation's picture is named by its job.</summary>
    public static string NewId() => JobIds.New();

    public static bool IsValidId(string id) => JobIds.IsValid(id);

    public static string UrlOf(string id) => $"/results/{id}.png";

    public static string JpegUrlOf(string id) => $"/results/{id}.jpg";

    public static string ContentUrlOf(string id) => $"/results/{id}.content.jpg";

    /// <summary>The picture for the share page: WebP at its own size (<see cref="ThumbnailImages.View"/>).</summary>
    public static string ViewUrlOf(string id) => $"/results/{id}.view.webp";

    public static ThumbnailLinks ThumbnailsOf(string id) => new($"/results/{id}.thumb-");

    public static ThumbnailLinks ContentThumbnailsOf(string id) => new($"/results/{id}.content.thumb-");

    /// <summary>Stores (or replaces) the picture of <paramref name="id"/>, a PNG as the engine made it; returns its size.</summary>
    public (int Width, int Height) Save(string id, byte[] png)
    {
        RequireValid(id);
        var header = ImageDecoder.Probe(png);
        files.Write(PictureKey(id), png);
        _thumbnails.Delete(PictureStem(id)); // a cancelled job's picture can be replaced by a later one
        return (header.UprightWidth, header.UprightHeight);
    }

    /// <inheritdoc cref="Save(string, byte[])"/>
    public void Save(string id, RgbImage picture) => Save(id, ImageEncoder.Encode(picture, EncodedFormat.Png));

    /// <summary>
    /// Stores the photo a picture was made from, downscaled and re-encoded (never the raw upload); returns the photo's
    /// own size, upright.
    /// </summary>
    /// <exception cref="UserFacingException">The photo cannot be read.</exception>
    /// <exception cref="EngineBusyException">Too many pictures are being decoded at once.</exception>
    public (int Width, int Height) SaveContent(string id, byte[] photo)
    {
        SaveContent(id, UploadDecoding.DecodeToFit(photo, ImageLimits.Default.MaxBytes, ContentMaxSide));
        var header = UploadDecoding.Probe(photo);
        return (header.UprightWidth, header.UprightHeight);
    }

    public void SaveContent(string id, RgbImage photo)
    {
        RequireValid(id);
        files.Write(ContentKey(id), ImageEncoder.Encode(ImageResizer.FitWithin(photo, ContentMaxSide), EncodedFormat.Jpeg));
    }

    /// <summary>Where the stored PNG is on this machine, or null for an unknown or malformed id.</summary>
    public string? Find(string id) => Existing(id, PictureKey);

    public string? FindContent(string id) => Existing(id, ContentKey);

    /// <summary>A thumbnail of the picture, made from the PNG the first time one of its shape is asked for; null without a picture.</summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> ThumbnailAsync(string id, ThumbnailVariant variant, CancellationToken ct = default) =>
        Find(id) is { } png ? await _thumbnails.FindOrMakeAsync(PictureStem(id), variant, png, ct) : null;

    /// <summary>The picture's view (WebP, for pages that show it large), made from the PNG on first request; null without a picture.</summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> ViewAsync(string id, CancellationToken ct = default) =>
        Find(id) is { } png ? await _thumbnails.FindOrMakeViewAsync(PictureStem(id), png, ct) : null;

    /// <summary>A thumbnail of the photo the picture was made from; null without one.</summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> ContentThumbnailAsync(string id, ThumbnailVariant variant, CancellationToken ct = default) =>
        FindContent(id) is { } photo ? await _thumbnails.FindOrMakeAsync(ContentStem(id), variant, photo, ct) : null;

    /// <summary>The picture as JPEG, encoded on request (downloads are rare; storing both would double the disk).</summary>
    public byte[]? Jpeg(string id) =>
        Find(id) is { } png ? ImageEncoder.Encode(ImageDecoder.DecodeFile(png), EncodedFormat.Jpeg) : null;

    /// <summary>What the picture's files take on disk now.</summary>
    public long SizeOf(string id) => IsValidId(id) ? Keys(id).Sum(files.SizeOf) : 0;

    /// <summary>Removes every file of the picture.</summary>
    public void Delete(string id)
    {
        if (!IsValidId(id)) return;
        foreach (var key in Keys(id)) files.Delete(key);
    }

    private string? Existing(string id, Func<string, string> keyOf) => IsValidId(id) && files.Exists(keyOf(id)) ? files.LocalPath(keyOf(id)) : null;

    private static void RequireValid(string id)
    {
        if (!IsValidId(id)) throw new ArgumentException($"'{id}' is not a picture id.", nameof(id));
    }

    private static string[] Keys(string id) =>
        [PictureKey(id), ContentKey(id), LegacyThumbnailKey(id), .. ThumbnailFiles.KeysOf(PictureStem(id)), .. ThumbnailFiles.KeysOf(ContentStem(id))];

    private static string PictureStem(string id) => $"results/{id}";

    private static string ContentStem(string id) => $"results/{id}.content";

    private static string PictureKey(string id) => $"{PictureStem(id)}.png";

    private static string ContentKey(string id) => $"{ContentStem(id)}.jpg";

    /// <summary>The one thumbnail pictures had before they had one per size and format; still deleted with them.</summary>
    private static string LegacyThumbnailKey(string id) => $"results/{id}.thumb.jpg";
}
