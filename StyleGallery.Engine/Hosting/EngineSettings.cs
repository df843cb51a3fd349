using StyleGallery.Engine.Models;

namespace StyleGallery.Engine.Hosting;

/// <summary>
/// Everything a host (web app, CLI, tests) configures about the engine; the defaults live here and only here.
/// Bound from configuration section <c>StyleGallery:Engine</c> by the web app and from options by the CLI.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>Where installed weights live.</summary>
    public string ModelsDirectory { get; init; } = "models";

    /// <summary>A local folder holding catalogue files by their mirror path, tried before the source URLs.</summary>
    public string? MirrorDirectory { get; init; }

    /// <summary>A local folder of the catalogue's painting pictures by file name, tried before their source URLs.</summary>
    public string? PaintingMirrorDirectory { get; init; }

    /// <summary>False installs models from the mirror only and never touches the network (offline machines, tests, CI).</summary>
    public bool AllowDownloads { get; init; } = true;

    /// <summary>Jobs that may wait for the engine before new ones are refused as "busy".</summary>
    public int QueueCapacity { get; init; } = 16;

    /// <summary>The folder holding ffmpeg and ffprobe, for video; null looks for them on the PATH.</summary>
    public string? FfmpegDirectory { get; init; }

    /// <summary>An optimisation saves its picture for a run after a crash at least every this many iterations …</summary>
    public int CheckpointEveryIterations { get; init; } = 50;

    /// <summary>… and at least this often.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs of a durable job that may end with the process dying before it is failed as a poison job.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>libtorch intra-op threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Where the installer finds and puts models, from these settings.</summary>
    public ModelStoreOptions ModelStore => new(
        ModelsDirectory, MirrorDirectory, AllowDownloads: AllowDownloads, PaintingMirrorDirectory: PaintingMirrorDirectory);

    /// <summary>
    /// The development mirror (<c>../shared/models</c>) when it sits beside the repository or the working
    /// directory; null otherwise.
    /// </summary>
    public static string? FindDevelopmentMirror(string? startDirectory = null)
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
    /// A folder of the development images beside the development mirror (<c>../shared/images/{folder}</c>: <c>styles</c>,
    /// <c>content</c>, <c>train</c>), or null.
    /// </summary>
    public static string? FindDevelopmentImages(string folder, string? startDirectory = null)
    {
        if (FindDevelopmentMirror(startDirectory) is not { } models) return null;
        var images = Path.GetFullPath(Path.Combine(models, "..", "images", folder));
        return Directory.Exists(images) ? images : null;
    }
}
