using System.Security.Cryptography;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>
/// The files of user-added style paintings, <c>paintings/{id}.jpg</c> under the data folder: re-encoded from the
/// decoded upload (never the visitor's bytes) and downscaled, since Gatys resizes the style to the output anyway.
/// </summary>
public sealed class UserPaintingFiles(StyleGalleryWebOptions options)
{
    public const string IdPrefix = "user-";

    public const int MaxSide = 1600;

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "paintings")).FullName;

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
        var path = PathOf(id);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, ImageEncoder.Encode(fitted, EncodedFormat.Jpeg));
        File.Move(temp, path, overwrite: true);
        return (fitted.Width, fitted.Height);
    }

    public string? Find(string id) => IsUserStyleId(id) && File.Exists(PathOf(id)) ? PathOf(id) : null;

    public void Delete(string id)
    {
        if (IsUserStyleId(id)) File.Delete(PathOf(id));
    }

    private string PathOf(string id) => Path.Combine(_folder, id + ".jpg");
}
