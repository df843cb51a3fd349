using System.Security.Cryptography;
using StyleGallery.Engine.Imaging;

using StyleGallery.Engine.Storage;

namespace StyleGallery.Web.Services;

/// <summary>
/// The files of user-added style paintings, <c>paintings/{id}.jpg</c> under the data folder: re-encoded from the
/// decoded upload (never the visitor's bytes) and downscaled, since Gatys resizes the style to the output anyway.
/// </summary>
public sealed class UserPaintingFiles(IFileStore files)
{
    public const string IdPrefix = "user-";

    public const int MaxSide = 1600;

    /// <summary>
    /// "user-" and 32 hex digits (128 random bits, like every id a visitor could otherwise guess): never a catalogue id,
    /// and a valid engine style id should it be trained later.
    /// </summary>
    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Ids made before they had 128 bits had 16 hex digits; those styles keep theirs.</summary>
    public static bool IsUserStyleId(string id) =>
        (id.Length == IdPrefix.Length + 32 || id.Length == IdPrefix.Length + 16) && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && id[IdPrefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary>Stores the painting and returns the size it was stored at.</summary>
    public (int Width, int Height) Save(string id, RgbImage painting)
    {
        var fitted = ImageResizer.FitWithin(painting, MaxSide);
        files.Write(KeyOf(id), ImageEncoder.Encode(fitted, EncodedFormat.Jpeg));
        return (fitted.Width, fitted.Height);
    }

    /// <summary>Where the painting is on this machine (the engine reads it as a file), or null.</summary>
    public string? Find(string id) => IsUserStyleId(id) && files.Exists(KeyOf(id)) ? files.LocalPath(KeyOf(id)) : null;

    public void Delete(string id)
    {
        if (IsUserStyleId(id)) files.Delete(KeyOf(id));
    }

    /// <summary>What the painting's file takes on disk; 0 when there is none.</summary>
    public long SizeOf(string id) => IsUserStyleId(id) ? files.SizeOf(KeyOf(id)) : 0;

    private static string KeyOf(string id) => $"paintings/{id}.jpg";
}
