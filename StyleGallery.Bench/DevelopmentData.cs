namespace StyleGallery.Bench;

/// <summary>
/// Where the benchmarks find the development data (<c>../shared</c> beside the repository, or
/// <c>$STYLEGALLERY_SHARED</c>) and installed models; the engine itself knows nothing of either.
/// </summary>
public static class DevelopmentData
{
    /// <summary>
    /// The development mirror (<c>../shared/models</c>, or <c>$STYLEGALLERY_SHARED/models</c>) when it sits beside the
    /// repository that holds the working directory; null otherwise.
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

    /// <summary>The <c>stylegallery</c> command's models folder: <c>$STYLEGALLERY_MODELS</c>, else the user's data folder (XDG).</summary>
    public static string DefaultModelsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("STYLEGALLERY_MODELS");
        if (!string.IsNullOrEmpty(env)) return env;
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "stylegallery", "models");
    }
}
