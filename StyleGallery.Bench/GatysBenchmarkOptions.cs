using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary>A content photo and a style painting from ../shared/images, by file name.</summary>
public sealed record GatysBenchPair(string Content, string Style)
{
    public string Name => $"{Path.GetFileNameWithoutExtension(Content)}+{Path.GetFileNameWithoutExtension(Style)}";
}

/// <summary>
/// Settings of <c>stylegallery-bench gatys</c>; every default lives here. The full run is sized to fit about
/// 25 minutes on a 2-core machine: losses are compared at <see cref="LossSide"/>, time-to-quality at
/// <see cref="QualitySide"/>. <see cref="Quick"/> is a short sanity run of the same steps.
/// </summary>
public sealed record GatysBenchmarkOptions
{
    public IReadOnlyList<GatysBenchPair> Pairs { get; init; } =
        [new("tubingen.jpg", "starry_night.jpg"), new("golden_gate.jpg", "the_scream.jpg")];

    /// <summary>Longest side of the loss comparison (ours vs the reference, same pixels, same start).</summary>
    public int LossSide { get; init; } = 256;

    /// <summary>
    /// Evaluations at which the losses are compared; the largest is the run's length. Evaluation 1 is the start image
    /// itself: equal losses there prove both sides got the same pixels.
    /// </summary>
    public IReadOnlyList<int> Checkpoints { get; init; } = [1, 50, 100, 300];

    /// <summary>Square sides timed per evaluation.</summary>
    public IReadOnlyList<int> TimingSides { get; init; } = [256, 512, 1024];

    /// <summary>Untimed evaluations before the timed ones (allocator and kernel warm-up).</summary>
    public int WarmupEvals { get; init; } = 2;

    /// <summary>Timed evaluations per side; the median is reported.</summary>
    public int TimedEvals { get; init; } = 5;

    /// <summary>Longest side of the time-to-quality race (the issue asks for 512²).</summary>
    public int QualitySide { get; init; } = 512;

    /// <summary>The reference's single-scale evaluations that set the style-loss target.</summary>
    public int QualityEvals { get; init; } = 300;

    /// <summary>Coarse-to-fine levels of the multi-scale contender.</summary>
    public int MultiscaleLevels { get; init; } = 3;

    /// <summary>
    /// Iterations per level of the multi-scale contender (the engine gives every level the same budget): half the
    /// single-scale budget, so the coarse levels stay cheap and the full-size level has that many to reach the target.
    /// </summary>
    public int MultiscaleIterationsPerLevel { get; init; } = 150;

    /// <summary>A single-scale contender that has not reached the target after this many × <see cref="QualityEvals"/> evaluations gives up.</summary>
    public double QualityGiveUpFactor { get; init; } = 1.5;

    public long Seed { get; init; } = 1;

    /// <summary>What our loss network computes in; the engine's default unless asked otherwise.</summary>
    public ComputePrecision Precision { get; init; } = new GatysOptions().Precision;

    /// <summary>Torch intra-op threads for both sides.</summary>
    public int Threads { get; init; } = 2;

    public string SharedRoot { get; init; } = Path.Combine("..", "shared");
    public string Python { get; init; } = "/usr/bin/python3";
    public string ReferenceScript { get; init; } = Path.Combine("bench", "gatys_reference.py");

    /// <summary>Where the table goes (section "Gatys optimisation"); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>Where the side-by-side pictures go; null saves none.</summary>
    public string? Pictures { get; init; } = Path.Combine("docs", "gatys");

    /// <summary>Models folder the engine installs the loss network into (from the ../shared mirror).</summary>
    public string ModelsDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "stylegallery-bench-models");

    public bool IsQuick { get; init; }

    /// <summary>The same steps, tiny: for checking that the benchmark works, not for numbers.</summary>
    public GatysBenchmarkOptions Quick() => this with
    {
        IsQuick = true,
        Pairs = [Pairs[0]],
        LossSide = 96,
        Checkpoints = [1, 5, 10, 20],
        TimingSides = [128],
        WarmupEvals = 1,
        TimedEvals = 2,
        QualitySide = 128,
        QualityEvals = 20,
        MultiscaleLevels = 2,
        MultiscaleIterationsPerLevel = 10,
        Markdown = null,
        Pictures = Path.Combine(Path.GetTempPath(), "stylegallery-bench-gatys-quick"),
    };

    public string ContentPath(GatysBenchPair pair) => Path.Combine(SharedRoot, "images", "content", pair.Content);
    public string StylePath(GatysBenchPair pair) => Path.Combine(SharedRoot, "images", "styles", pair.Style);
    public string MirrorDirectory => Path.Combine(SharedRoot, "models");
}
