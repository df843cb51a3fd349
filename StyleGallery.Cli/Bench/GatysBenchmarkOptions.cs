namespace StyleGallery.Cli.Bench;

/// <summary>Settings of <c>stylegallery bench gatys</c>; every default lives here.</summary>
public sealed record GatysBenchmarkOptions
{
    public string Content { get; init; } = "tubingen.jpg";
    public string Style { get; init; } = "starry_night.jpg";

    /// <summary>Longest side of the loss comparison (ours vs the reference after each checkpoint).</summary>
    public int LossSize { get; init; } = 256;

    public IReadOnlyList<int> Checkpoints { get; init; } = [50, 100, 300];

    /// <summary>Sizes at which seconds per evaluation are measured.</summary>
    public IReadOnlyList<int> TimingSizes { get; init; } = [256, 512, 1024];

    /// <summary>Timed evaluations per size, after two warm-up ones; the median is reported.</summary>
    public int TimingEvaluations { get; init; } = 4;

    /// <summary>Time-to-quality: the reference's style loss after this many single-scale evaluations at this size is the target.</summary>
    public int QualitySize { get; init; } = 512;

    public int QualityEvaluations { get; init; } = 300;

    /// <summary>Torch threads on both sides; 0 keeps one per core.</summary>
    public int Threads { get; init; }

    public string SharedRoot { get; init; } = Path.Combine("..", "shared");
    public string Python { get; init; } = "/usr/bin/python3";
    public string ReferenceScript { get; init; } = Path.Combine("bench", "gatys_reference.py");
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");
    public string Pictures { get; init; } = Path.Combine("docs", "gatys");

    /// <summary>A few-minute sanity run of every measurement at tiny sizes.</summary>
    public static GatysBenchmarkOptions Quick { get; } = new()
    {
        LossSize = 96, Checkpoints = [5, 10, 20], TimingSizes = [64, 128], TimingEvaluations = 2, QualitySize = 128, QualityEvaluations = 20,
        Markdown = null, Pictures = Path.Combine(Path.GetTempPath(), "stylegallery-bench-gatys"),
    };

    public string VggPath => Path.Combine(SharedRoot, "models", "vgg", "vgg19-imagenet.safetensors");
    public string ContentPath => Path.Combine(SharedRoot, "images", "content", Content);
    public string StylePath => Path.Combine(SharedRoot, "images", "styles", Style);
}
