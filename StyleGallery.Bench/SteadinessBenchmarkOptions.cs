using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Training;

namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench steadiness</c>; every default lives here.</summary>
public sealed record SteadinessBenchmarkOptions
{
    public IReadOnlyList<string> Styles { get; init; } = ["udnie", "la_muse", "wave", "rain_princess", "scream", "wreck", "mathura", "matta"];

    /// <summary>The photo the camera moves across (../shared/images/content).</summary>
    public string Photo { get; init; } = "tubingen.jpg";

    public int Width { get; init; } = 480;

    public int Height { get; init; } = 270;

    /// <summary>Frames per move.</summary>
    public int Frames { get; init; } = 12;

    /// <summary>Pixels along the edges left out of the comparison: there a network sees the frame's border, which moves.</summary>
    public int Margin { get; init; } = 32;

    /// <summary>Torch intra-op threads; 0 keeps the machine's default (one per core).</summary>
    public int Threads { get; init; }

    /// <summary>The ../shared folder (weights, photo), relative to the working directory.</summary>
    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    /// <summary>Where the markdown table goes (section "Video steadiness"); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>
    /// A catalogue style's file in ../shared, or for <c>name=path.safetensors</c> a network trained or distilled here
    /// (a lite network beside its teacher, issue 22).
    /// </summary>
    public string WeightsPath(string style) =>
        style.Split('=', 2) is [_, var path] ? path : Path.Combine(SharedRoot, "models", "fast", style + ".safetensors");

    /// <summary>The name a style is listed under: <c>name</c> of <c>name=path</c>.</summary>
    public static string NameOf(string style) => style.Split('=', 2)[0];

    /// <summary>How to load <paramref name="style"/>'s network: a file of ours or a pretrained one.</summary>
    public FastNetworkSource NetworkOf(string style) =>
        style.Contains('=') ? new FastNetworkSource(WeightsPath(style), TrainedStyleFile.LoadNetwork) : FastNetworkSource.Pretrained(WeightsPath(style));

    public string PhotoPath => Path.Combine(SharedRoot, "images", "content", Photo);
}
