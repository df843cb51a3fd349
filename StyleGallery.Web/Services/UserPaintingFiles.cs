using System.Security.Cryptography;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Storage;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Services;

/// <summary>
/// The files of user-added style paintings, <c>paintings/{id}.jpg</c> under the data folder: re-encoded from the
/// decoded upload (never the visitor's bytes) and downscaled, since Gatys resizes the style to the output anyway; and its
/// thumbnails, <c>paintings/{id}.thumb-card-240.webp</c> and the rest, made from the same decoded upload as it arrives.
/// </summary>
public sealed class UserPaintingFiles(IFileStore files)
{
    public const string IdPrefix = "user-";

    public const int MaxSide = 1600;

    private readonly ThumbnailFiles _thumbnails = new(files);

    /// <summary>
    /// "user-" and 32 hex digits (128 random bits, like every id a visitor could otherwise guess): never a catalogue id,
    /// and a valid engine style id should it be trained later.
    /// </summary>
    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Ids made before they had 128 bits had 16 hex digits; those styles keep theirs.</summary>
    public static bool IsUserStyleId(string id) =>
        (id.Length == IdPrefix.Length + 32 || id.Length == IdPrefix.Length + 16) && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && id[IdPrefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Stores the painting and its thumbnails and returns the size it was stored at. <paramref name="painting"/> is the
    /// upload as the safe decoder gave it (<see cref="UploadDecoding"/>): the thumbnails are made from those pixels, so no
    /// other decoder ever reads the visitor's file.
    /// </summary>
    public (int Width, int Height) Save(string id, RgbImage painting)
    {
        var fitted = ImageResizer.FitWithin(painting, MaxSide);
        files.Write(KeyOf(id), ImageEncoder.Encode(fitted, EncodedFormat.Jpeg));
        _thumbnails.MakeAll(StemOf(id), fitted);
        return (fitted.Width, fitted.Height);
    }

    /// <summary>Where the painting is on this machine (the engine reads it as a file), or null.</summary>
    public string? Find(string id) => IsUserStyleId(id) && files.Exists(KeyOf(id)) ? files.LocalPath(KeyOf(id)) : null;

    /// <summary>
    /// A thumbnail of the painting; one a painting stored before thumbnails existed lacks is made from the stored file
    /// (the app's own re-encoding). Null when there is no such painting.
    /// </summary>
    /// <exception cref="DecodeBusyException">Too many pictures are being decoded at once.</exception>
    public async Task<string?> ThumbnailAsync(string id, ThumbnailVariant variant, CancellationToken ct = default) =>
        Find(id) is { } painting ? await _thumbnails.FindOrMakeAsync(StemOf(id), variant, painting, ct) : null;

    public void Delete(string id)
    {
        if (!IsUserStyleId(id)) return;
        files.Delete(KeyOf(id));
        _thumbnails.Delete(StemOf(id));
    }

    /// <summary>What the painting's files take on disk; 0 when there are none.</summary>
    public long SizeOf(string id) => IsUserStyleId(id) ? files.SizeOf(KeyOf(id)) + _thumbnails.SizeOf(StemOf(id)) : 0;

    private static string StemOf(string id) => $"paintings/{id}";

    private static string KeyOf(string id) => $"{StemOf(id)}.jpg";
}
