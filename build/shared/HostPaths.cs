using StyleGallery.Engine.Hosting;

namespace StyleGallery.Hosting;

/// <summary>
/// Where the hosts (the web app, the CLI, the benchmarks) look for their data when no setting names it: the
/// development data beside the repository (<c>../shared</c>, or <c>$STYLEGALLERY_SHARED</c>), so that a clone with
/// <c>../shared</c> beside it needs no configuration, and the command-line tools' models folder. The engine knows
/// nothing of either. One file, compiled into each host (linked from <c>build/shared</c>).
/// </summary>
internal static class HostPaths
{
    /// <summary>
    /// The development mirror (<c>../shared/models</c>) when it sits beside the repository that holds
    /// <paramref name="startDirectory"/> (default: the working directory), or under <c>$STYLEGALLERY_SHARED</c>; null otherwise.
    /// </summary>
    public static string? DevelopmentMirror(string? startDirectory = null)
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
    public static string? DevelopmentImages(string folder, string? startDirectory = null)
    {
        if (DevelopmentMirror(startDirectory) is not { } models) return null;
        var images = Path.GetFullPath(Path.Combine(models, "..", "images", folder));
        return Directory.Exists(images) ? images : null;
    }

    /// <summary>The command-line tools' models folder: <c>$STYLEGALLERY_MODELS</c>, else the user's data folder (XDG).</summary>
    public static string DefaultModelsDirectory()
    {
        var env = Environment.GetEnvironmentVariable("STYLEGALLERY_MODELS");
        if (!string.IsNullOrEmpty(env)) return env;
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "stylegallery", "models");
    }

    /// <summary>
    /// The engine's settings with their folders made absolute: models under the data folder, the mirrors (when no setting
    /// names them) from the development data beside the repository. The web app and the worker resolve them alike, so
    /// both see one models folder.
    /// </summary>
    public static EngineSettings Resolve(EngineSettings engine, string dataDirectory, string root) => engine with
    {
        ModelsDirectory = Path.GetFullPath(engine.ModelsDirectory, dataDirectory),
        MirrorDirectory = engine.MirrorDirectory is { } m ? Path.GetFullPath(m, root) : DevelopmentMirror(root),
        PaintingMirrorDirectory = engine.PaintingMirrorDirectory is { } p ? Path.GetFullPath(p, root) : DevelopmentImages("styles", root),
    };
}
