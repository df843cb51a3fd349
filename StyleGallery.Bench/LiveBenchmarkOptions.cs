namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench live</c>; every default lives here (issue 22's frame sizes and runs).</summary>
public sealed record LiveBenchmarkOptions
{
    /// <summary>The fake camera's frame sizes; the page paints at the longer side, so each frame is painted at this size.</summary>
    public IReadOnlyList<FrameSize> Sizes { get; init; } = [new(320, 240), new(640, 360)];

    /// <summary>Runs per size and network; the median is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Painting before the count starts: the networks are loaded and warm, the page's pacing has settled.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long painted frames are counted in each run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The full style network (a catalogue style, installed from ../shared).</summary>
    public string Style { get; init; } = "udnie";

    /// <summary>
    /// A distilled lite network of <see cref="Style"/> (a <c>.safetensors</c> file as <c>stylegallery distill</c> writes it);
    /// null: the benchmark distils one in a few steps (its speed does not depend on how well it learned).
    /// </summary>
    public string? Lite { get; init; }

    /// <summary>Steps of the quick distillation when no <see cref="Lite"/> file is given (64-px crops, one per step).</summary>
    public int DistillSteps { get; init; } = 20;

    /// <summary>Frames timed per size and network in the in-process stage breakdown (after 5 more to warm up).</summary>
    public int StageFrames { get; init; } = 30;

    /// <summary>Whether to run <c>dotnet build StyleGallery.Web -c Release</c> first (the app is started from that build).</summary>
    public bool Build { get; init; } = true;

    public string Chrome { get; init; } = Environment.GetEnvironmentVariable("CHROME_PATH") is { Length: > 0 } chrome ? chrome : "/usr/bin/chromium";

    /// <summary>Where the section goes (<c>## Live camera page</c>); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");
}
