namespace StyleGallery.Bench;

/// <summary>A trained user style and the painting it was trained on.</summary>
internal sealed record TrainedPair(string StyleId, string PaintingPath)
{
    /// <summary>Parses <c>id=painting.jpg</c>.</summary>
    public static TrainedPair Parse(string text) =>
        text.Split('=', 2) is [var id, var path] && id.Length > 0 && path.Length > 0
            ? new TrainedPair(id, path)
            : throw new ArgumentException($"'{text}' is not id=painting-path.");
}

/// <summary>Settings of <c>stylegallery-bench trained</c>; the defaults are the quality check.</summary>
internal sealed record TrainedQualityOptions
{
    public IReadOnlyList<TrainedPair> Pairs { get; init; } = [];

    /// <summary>Held-out photos (none is in ../shared/images/train).</summary>
    public IReadOnlyList<string> Photos { get; init; } = ["chelsea_cat.png", "tubingen.jpg", "golden_gate.jpg"];

    /// <summary>Longest side of every picture compared.</summary>
    public int Side { get; init; } = 256;

    public int GatysIterations { get; init; } = 300;

    public string ModelsDirectory { get; init; } = "";

    public string PicturesDirectory { get; init; } = "docs/training";

    public string Markdown { get; init; } = "docs/training.md";
}
