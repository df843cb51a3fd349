namespace StyleGallery.Cli;

/// <summary>
/// The development data beside the repository (<c>../shared</c>, or <c>$STYLEGALLERY_SHARED</c>): the documented
/// defaults of <c>--mirror</c> and <c>--painting-mirror</c>. The engine knows nothing of this layout.
/// </summary>
public static class DevelopmentData
{
    /// <summary>
    /// The development mirror (<c>../shared/models</c>) when it sits beside the repository that holds the working
    /// directory (or under <c>$STYLEGALLERY_SHARED</c>); null otherwise.
    /// </summary>
    public static string? Mirror(string? startDirectory = null)
    {
        var env = Environment.GetEnvironmentVariable("STYLEGALLERY_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "models"))) return Path.GetFullPath(Path.Combine(env, "models"));
        for (var dir = new DirectoryInfo(startDirectory ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "models");
            if (File.Exists(Path.Combine(dir.FullName, "StyleGallery.sln")) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>
    /// A folder of the development images beside the development mirror (<c>../shared/images/{folder}</c>:
    /// <c>styles</c>, <c>content</c>, <c>train</c>), or null.
    /// </summary>
    public static string? Images(string folder, string? startDirectory = null)
    {
        if (Mirror(startDirectory) is not { } models) return null;
        var images = Path.GetFullPath(Path.Combine(models, "..", "images", folder));
        return Directory.Exists(images) ? images : null;
    }
}
