using StyleGallery.Engine.Imaging;
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

    /// <summary>
    /// Pixels that every picture decode in the process may hold at once (<see cref="DecodeBudget.Shared"/>, which the
    /// engine sizes from this when it starts): a decode to a working size holds a few times that size, a whole decode the
    /// stored size. 48 MP by default, a few hundred MB at most.
    /// </summary>
    public long DecodeBudgetPixels { get; init; } = DecodeBudget.DefaultPixels;

    /// <summary>How long a decode waits for the budget before it is refused as "busy" (<see cref="DecodeBusyException"/>).</summary>
    public TimeSpan DecodeBudgetWait { get; init; } = DecodeBudget.DefaultWait;

    /// <summary>The folder holding ffmpeg and ffprobe, for video; null looks for them on the PATH.</summary>
    public string? FfmpegDirectory { get; init; }

    /// <summary>An optimisation saves its picture for a run after a crash at least every this many iterations …</summary>
    public int CheckpointEveryIterations { get; init; } = 50;

    /// <summary>… and at least this often.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs of a durable job that may end with the process dying before it is failed as a poison job.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// False (the default, for hosts whose messages reach visitors): job errors and refusals name files, never the
    /// server's folders. The CLI, whose paths are its user's own, shows them in full.
    /// </summary>
    public bool FullPathsInMessages { get; init; }

    /// <summary>libtorch intra-op threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Where the installer finds and puts models, from these settings.</summary>
    public ModelStoreOptions ModelStore => new(
        ModelsDirectory, MirrorDirectory, AllowDownloads: AllowDownloads, PaintingMirrorDirectory: PaintingMirrorDirectory);
}
