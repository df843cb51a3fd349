using System.Security.Cryptography;

namespace StyleGallery.Web.Services;

/// <summary>
/// Finished pictures on disk under the data folder, named by unguessable ids (128 random bits, URL-safe),
/// so a result's link is its only key.
/// </summary>
public sealed class ResultStore(StyleGalleryWebOptions options)
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(options.DataDirectory, "results")).FullName;

    public static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsValidId(string id) => id.Length == 22 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string Save(byte[] png)
    {
        var id = NewId();
        var path = PathOf(id);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, png);
        File.Move(temp, path);
        return id;
    }

    /// <summary>The stored PNG, or null for an unknown or malformed id.</summary>
    public string? Find(string id) => IsValidId(id) && File.Exists(PathOf(id)) ? PathOf(id) : null;

    public static string UrlOf(string id) => $"/results/{id}.png";

    private string PathOf(string id) => Path.Combine(_folder, id + ".png");
}
