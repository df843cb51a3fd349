using System.CommandLine;
using StyleGallery.Engine.Hosting;
using StyleGallery.Hosting;

namespace StyleGallery.Cli.Commands;

/// <summary>The options every engine-backed command shares, and the engine they build.</summary>
public sealed class EngineCliOptions
{
    public Option<string> Models { get; } = new("--models")
    {
        Description = "Folder of installed models",
        DefaultValueFactory = _ => HostPaths.DefaultModelsDirectory(),
    };

    public Option<string?> Mirror { get; } = new("--mirror")
    {
        Description = "Local mirror folder tried before the source URLs (default: ../shared/models when present)",
        DefaultValueFactory = _ => HostPaths.DevelopmentMirror(),
    };

    public Option<string?> PaintingMirror { get; } = new("--painting-mirror")
    {
        Description = "Local folder of the catalogue's painting pictures (default: ../shared/images/styles when present)",
        DefaultValueFactory = _ => HostPaths.DevelopmentImages("styles"),
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = "libtorch threads (default: all cores)" };

    public Option<bool> Offline { get; } = new("--offline")
    {
        Description = "Install models from the mirror only; never download (default: $STYLEGALLERY_OFFLINE)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STYLEGALLERY_OFFLINE") is "1" or "true",
    };

    public void AddTo(Command command)
    {
        command.Add(Models);
        command.Add(Mirror);
        command.Add(PaintingMirror);
        command.Add(Threads);
        command.Add(Offline);
    }

    public EngineSettings Settings(ParseResult parsed) => new()
    {
        ModelsDirectory = parsed.GetValue(Models)!,
        MirrorDirectory = parsed.GetValue(Mirror),
        PaintingMirrorDirectory = parsed.GetValue(PaintingMirror),
        Threads = parsed.GetValue(Threads),
        AllowDownloads = !parsed.GetValue(Offline),
        FullPathsInMessages = true, // the files a command names are its user's own
    };
}
