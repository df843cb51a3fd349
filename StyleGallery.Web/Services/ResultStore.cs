using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services;

/// <summary>
/// A picture's files under the data folder, named by its unguessable id (128 random bits, URL-safe), so a result's
/// link is its only key: <c>results/{id}.png</c> (the picture), <c>{id}.content.jpg</c> (the photo it was made from,
/// re-encoded and downscaled, never the raw upload) and <c>{id}.thumb.jpg</c> (made on first request). Pictures arrive
/// as the engine's PNG bytes; the smaller files are made from them here.
/// </summary>
public sealed class ResultStore(StyleGalleryWebOptions options)
{
    /// <summary>The stored content photo's longest side: enough for a thumbnail and a comparison, not a copy of the upload.</summary>
    public const int ContentMaxSide = 1024;

    public const int ThumbnailMaxSide = 360;

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "results")).FullName;

    /// <summary>A new picture id; it has a job id's shape, since an optimisation's picture is named by its job.</summary>
    public static string NewId() => JobIds.New();

    public static bool IsValidId(string id) => JobIds.IsValid(id);

    public static string UrlOf(string id) => $"/results/{id}.png";

    public static string JpegUrlOf(string id) => $"/results/{id}.jpg";

    public static string ContentUrlOf(string id) => $"/results/{id}.content.jpg";

    public static string ThumbnailUrlOf(string id) => $"/results/{id}.thumb.jpg";

    /// <summary>Stores (or replaces) the picture of <paramref name="id"/>, a PNG as the engine made it; returns its size.</summary>
    public (int Width, int Height) Save(string id, byte[] png)
    {
        RequireValid(id);
        var header = ImageDecoder.Probe(png);
        Write(PathOf(id), png);
        File.Delete(ThumbnailPathOf(id)); // a cancelled job's picture can be replaced by a later one
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
        Write(ContentPathOf(id), ImageEncoder.Encode(ImageResizer.FitWithin(photo, ContentMaxSide), EncodedFormat.Jpeg));
    }

    /// <summary>The stored PNG, or null for an unknown or malformed id.</summary>
    public string? Find(string id) => Existing(id, PathOf);

    public string? FindContent(string id) => Existing(id, ContentPathOf);

    /// <summary>A small JPEG of the picture, made from the PNG the first time it is asked for.</summary>
    public string? Thumbnail(string id)
    {
        if (Existing(id, ThumbnailPathOf) is { } thumbnail) return thumbnail;
        if (Find(id) is not { } png) return null;
        Write(ThumbnailPathOf(id), ImageEncoder.Encode(ImageResizer.FitWithin(ImageDecoder.DecodeFile(png), ThumbnailMaxSide), EncodedFormat.Jpeg));
        return ThumbnailPathOf(id);
    }

    /// <summary>The picture as JPEG, encoded on request (downloads are rare; storing both would double the disk).</summary>
    public byte[]? Jpeg(string id) =>
        Find(id) is { } png ? ImageEncoder.Encode(ImageDecoder.DecodeFile(png), EncodedFormat.Jpeg) : null;

    /// <summary>Removes every file of the picture.</summary>
    public void Delete(string id)
    {
        if (!IsValidId(id)) return;
        foreach (var path in new[] { PathOf(id), ContentPathOf(id), ThumbnailPathOf(id) }) File.Delete(path);
    }

    private static string? Existing(string id, Func<string, string> pathOf) => IsValidId(id) && File.Exists(pathOf(id)) ? pathOf(id) : null;

    private static void RequireValid(string id)
    {
        if (!IsValidId(id)) throw new ArgumentException($"'{id}' is not a picture id.", nameof(id));
    }

    /// <summary>Write then rename, so a reader never sees half a file.</summary>
    private static void Write(string path, byte[] bytes)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string id) => Path.Combine(_folder, id + ".png");

    private string ContentPathOf(string id) => Path.Combine(_folder, id + ".content.jpg");

    private string ThumbnailPathOf(string id) => Path.Combine(_folder, id + ".thumb.jpg");
}
