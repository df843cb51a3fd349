namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench poster</c>; every default lives here.</summary>
public sealed record PosterBenchmarkOptions
{
    public IReadOnlyList<FrameSize> Sizes { get; init; } = [new(1920, 1080), new(2048, 2048), new(4096, 4096), new(8192, 8192)];

    /// <summary>Sizes up to this many pixels are also painted whole, for the comparison (whole 4096² would take ~13 GB).</summary>
    public long WholeMaxPixels { get; init; } = 6_000_000;

    public string Style { get; init; } = "udnie";

    /// <summary>The photo, under ../shared/images/content, resampled to each size.</summary>
    public string Photo { get; init; } = "stata.jpg";

    /// <summary>Also compare the tiles' statistics (exact, downscaled, per tile) in float32 at <see cref="QualitySize"/>.</summary>
    public bool Quality { get; init; } = true;

    public FrameSize QualitySize { get; init; } = new(2048, 2048);

    /// <summary>The downscaled statistics' sizes compared at <see cref="QualitySize"/>.</summary>
    public IReadOnlyList<int> StatisticsPixels { get; init; } = [1 << 20, 1 << 22];

    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    public string Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>Where the crops across a tile border go.</summary>
    public string Pictures { get; init; } = Path.Combine("docs", "poster");
}
