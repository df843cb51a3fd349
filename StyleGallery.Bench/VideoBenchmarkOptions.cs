namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench video</c>; every default lives here.</summary>
public sealed record VideoBenchmarkOptions
{
    /// <summary>Longest sides the clip is painted at.</summary>
    public IReadOnlyList<int> Sides { get; init; } = [240, 360, 480, 640];

    /// <summary>Timed runs per side after one untimed one; the median is reported.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Frames of the synthetic clip (ffmpeg's testsrc2, 1280×720, 30 frames/s, with a tone): two seconds.</summary>
    public int Frames { get; init; } = 60;

    public int FrameRate { get; init; } = 30;

    /// <summary>Torch intra-op threads; 0 keeps the machine's default (one per core).</summary>
    public int Threads { get; init; }

    public string Style { get; init; } = "udnie";

    /// <summary>The ../shared folder (weights), relative to the working directory.</summary>
    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    /// <summary>Where the markdown table goes (section "Video"); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    public string WeightsPath => Path.Combine(SharedRoot, "models", "fast", Style + ".safetensors");
}
