using System.Globalization;
using StyleGallery.Engine.Fast.Tiling;

namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench poster</c>; every default lives here.</summary>
public sealed record PosterBenchmarkOptions
{
    public IReadOnlyList<FrameSize> Sizes { get; init; } = [new(1920, 1080), new(2048, 2048), new(4096, 4096), new(8192, 8192)];

    /// <summary>Sizes up to this many pixels are also painted whole, for the comparison (whole 4096² takes about 4.5 GB in bfloat16; 8192² would take 18).</summary>
    public long WholeMaxPixels { get; init; } = 17_000_000;

    /// <summary>How the tiled rows of every size take their statistics (each a row of its own).</summary>
    public IReadOnlyList<StatisticsVariant> SizeStatistics { get; init; } = [StatisticsVariant.Parse("sampled"), StatisticsVariant.Parse("downscaled")];

    public string Style { get; init; } = "udnie";

    /// <summary>The photo, under ../shared/images/content, resampled to each size.</summary>
    public string Photo { get; init; } = "stata.jpg";

    /// <summary>Also compare the tiles' statistics (<see cref="QualityVariants"/>) in float32 at <see cref="QualitySize"/>.</summary>
    public bool Quality { get; init; } = true;

    public FrameSize QualitySize { get; init; } = new(2048, 2048);

    /// <summary>The cores of the float32 comparison (the 8192² tile size would paint 2048² in one tile).</summary>
    public int QualityCore { get; init; } = 1024;

    /// <summary>The statistics compared at <see cref="QualitySize"/>.</summary>
    public IReadOnlyList<StatisticsVariant> QualityVariants { get; init; } =
        StatisticsVariant.ParseList("exact,sampled,sampled:512:0.25,sampled:256:0.125,sampled:1024:0.25,downscaled,downscaled:4194304,pertile");

    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    public string Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>Where the crops across a tile border go.</summary>
    public string Pictures { get; init; } = Path.Combine("docs", "poster");
}

/// <summary>
/// One way of taking the tiles' statistics, written <c>exact</c>, <c>pertile</c>, <c>downscaled[:pixels]</c> or
/// <c>sampled[:core[:share[:guided|plain]]]</c> (the engine's defaults where left out or 0).
/// </summary>
public sealed record StatisticsVariant(TileStatistics Mode, int? Pixels = null, int? SampleCore = null, double? SampleShare = null, bool? Guided = null)
{
    public static StatisticsVariant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        var mode = parts[0].ToLowerInvariant() switch
        {
            "exact" => TileStatistics.Exact,
            "pertile" => TileStatistics.PerTile,
            "downscaled" => TileStatistics.Downscaled,
            "sampled" => TileStatistics.Sampled,
            _ => throw new FormatException($"'{text}': statistics are exact, pertile, downscaled[:pixels] or sampled[:core[:share]]."),
        };
        int? Int(int i) => parts.Length > i && parts[i] != "0" ? int.Parse(parts[i], CultureInfo.InvariantCulture) : null;
        return mode switch
        {
            TileStatistics.Downscaled => new(mode, Pixels: Int(1)),
            TileStatistics.Sampled => new(mode, SampleCore: Int(1), SampleShare: parts.Length > 2 && parts[2] != "0" ? double.Parse(parts[2], CultureInfo.InvariantCulture) : null,
                Guided: parts.Length > 3 ? parts[3] == "guided" : null),
            _ => new(mode),
        };
    }

    public static IReadOnlyList<StatisticsVariant> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();

    /// <summary>The <c>poster-run</c> arguments.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string> { "--statistics", Mode.ToString() };
        if (Pixels is { } p) args.AddRange(["--statistics-pixels", p.ToString(CultureInfo.InvariantCulture)]);
        if (SampleCore is { } c) args.AddRange(["--sample-core", c.ToString(CultureInfo.InvariantCulture)]);
        if (SampleShare is { } s) args.AddRange(["--sample-share", s.ToString(CultureInfo.InvariantCulture)]);
        if (Guided is { } g) args.AddRange(["--sample-guided", g ? "true" : "false"]);
        return args;
    }

    /// <summary>Sampled with the engine's own settings.</summary>
    public bool IsDefault => Mode == TileStatistics.Sampled && SampleCore is null && SampleShare is null && Guided is null;

    public override string ToString() => Mode switch
    {
        TileStatistics.Downscaled => $"downscaled, {(Pixels ?? (1 << 20)) / 1048576.0:0.##} MP",
        TileStatistics.Sampled => IsDefault ? "sampled" : $"sampled, {SampleCore?.ToString(CultureInfo.InvariantCulture) ?? "default"} px × {SampleShare?.ToString(CultureInfo.InvariantCulture) ?? "default"}{Guided switch { true => ", guided", false => ", plain", _ => "" }}",
        TileStatistics.PerTile => "per tile",
        _ => "exact",
    };
}
