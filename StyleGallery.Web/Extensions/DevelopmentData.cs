namespace StyleGallery.Web.Extensions;

/// <summary>
/// The development data beside the repository (<c>../shared</c>, or <c>$STYLEGALLERY_SHARED</c>): the defaults of the
/// model and painting mirrors and of the sample and training photos when no setting names them, so that
/// <c>./run-app.sh</c> on a clone with <c>../shared</c> beside it needs no configuration. An app deployed away from the
/// repository finds none and uses its settings alone. The engine knows nothing of this layout.
/// </summary>
internal static class DevelopmentData
{
    /// <summary>
    /// The development mirror (<c>../shared/models</c>) when it sits beside the repository that holds
    /// <paramref name="contentRoot"/> (or under <c>$STYLEGALLERY_SHARED</c>); null otherwise.
    /// </summary>
    public static string? Mirror(string contentRoot)
    {
        var env = Environment.GetEnvironmentVariable("STYLEGALLERY_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "models"))) return Path.GetFullPath(Path.Combine(env, "models"));
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
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
    public static string? Images(string folder, string contentRoot)
    {
        if (Mirror(contentRoot) is not { } models) return null;
        var images = Path.GetFullPath(Path.Combine(models, "..", "images", folder));
        return Directory.Exists(images) ? images : null;
    }
}
