using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary>A width x height pair, written "512x512".</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    public static FrameSize Parse(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h) && w > 0 && h > 0)
            return new FrameSize(w, h);
        throw new FormatException($"'{text}' is not a size like 512x512.");
    }

    public override string ToString() => $"{Width}x{Height}";
}

/// <summary>Settings of <c>stylegallery-bench fast</c>; every default lives here.</summary>
public sealed record FastBenchmarkOptions
{
    public IReadOnlyList<FrameSize> Sizes { get; init; } =
        [new(256, 256), new(512, 512), new(1024, 1024), new(1920, 1080)];

    public IReadOnlyList<ComputePrecision> Precisions { get; init; } = [ComputePrecision.Float32, ComputePrecision.BFloat16];

    /// <summary>Timed calls per size and precision, after <see cref="Warmup"/> untimed ones; the median is reported.</summary>
    public int Repeats { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    /// <summary>Torch intra-op threads for both sides; 0 keeps the machine's default (one per core).</summary>
    public int Threads { get; init; }

    public string Style { get; init; } = "udnie";

    /// <summary>The ../shared folder (weights and photos), relative to the working directory.</summary>
    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    /// <summary>Longer side of the photos on which bfloat16 is compared with float32.</summary>
    public int QualitySide { get; init; } = 512;

    /// <summary>Also time the same network in PyTorch (Debian's python3-torch) for comparison.</summary>
    public bool PyTorchReference { get; init; } = true;

    public string Python { get; init; } = "/usr/bin/python3";
    public string ReferenceScript { get; init; } = Path.Combine("bench", "fast_reference.py");

    /// <summary>Where the markdown table goes (section "Fast style networks"); null prints it only.</summary>
    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");

    public string WeightsPath(string style) => Path.Combine(SharedRoot, "models", "fast", style + ".safetensors");
    public string ContentPhotos => Path.Combine(SharedRoot, "images", "content");
}
