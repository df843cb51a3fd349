using System.Text.Json.Serialization;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Settings of one fast stylisation (a photo, a video's frames, a camera's): the defaults and the valid ranges live
/// here, and <see cref="Problems"/> is the one check of them, which the engine makes before it queues anything.
/// </summary>
public sealed record FastStyleOptions
{
    /// <summary>Smaller pictures leave the network's two stride-2 layers almost nothing to paint.</summary>
    public const int MinSide = 16;

    /// <summary>The longest side a picture may have; larger than a few megapixels it is painted in tiles (docs/poster.md).</summary>
    public const int MaxSideLimit = 16384;

    /// <summary>The most pixels a picture may have (a 100-megapixel poster): what the tiled path paints within its memory limit.</summary>
    public const long MaxPixelsLimit = 100_000_000;

    /// <summary>The least memory limit that leaves room for the process and a tile.</summary>
    public const int MinMemoryLimitMegabytes = 1000;

    /// <summary>Ten times the widest band of wrong texture the networks paint along an edge (docs/fast.md).</summary>
    public const int MaxEdgePadding = 256;

    /// <summary>The content photo is scaled down (never up) so that its longer side is at most this many pixels.</summary>
    public int MaxSide { get; init; } = 1024;

    /// <summary>Keep the photo's colours and take only the luminance from the network (Gatys et al. 2016).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>
    /// Pixels of the photo mirrored beyond its right and bottom edges (a third as many beyond the left and top) before
    /// the network, and cropped off after. Not in Johnson et al. (2016): the pretrained networks
    /// (lengstrom/fast-style-transfer) pad every convolution with zeros, which paints a band of wrong texture up to
    /// ~20 px wide along the edges, widest on the right and bottom where TensorFlow's "SAME" padding adds its extra
    /// pixel. Mirrored, the band falls outside the picture (docs/fast.md). 0 turns it off.
    /// </summary>
    public int EdgePadding { get; init; } = 24;

    /// <summary>1 is the network's picture, 0 the photo, anything between a mix of the two (<see cref="Imaging.StyleStrength"/>).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// bfloat16 by measurement (docs/benchmarks.md): 2-4x faster than float32 on this CPU and on every pretrained style
    /// and content photo within 1.5 grey levels mean absolute error of it (worst case about 1.1).
    /// </summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.BFloat16;

    /// <summary>
    /// The core side of the tiles the picture is painted in, forced; null paints it whole when it fits within
    /// <see cref="MemoryLimitMegabytes"/> and in tiles sized to that limit when not (<see cref="TileSizing"/>). Rounded
    /// down to the network's 4-pixel grid; each tile also has <see cref="TilePlan.Overlap"/> pixels of margin.
    /// </summary>
    public int? Tile { get; init; }

    /// <summary>
    /// The peak resident memory automatic tiling keeps a painting within: 2.5 GB, so that any picture up to
    /// <see cref="MaxPixelsLimit"/> paints on a small machine (docs/poster.md).
    /// </summary>
    public int MemoryLimitMegabytes { get; init; } = 2500;

    /// <summary>
    /// Where tiles take their instance-norm statistics from. Exact by measurement (docs/poster.md): it paints what the
    /// untiled network would (0.0 grey levels apart). The estimates are cheap but visibly off at poster sizes: statistics
    /// of a 1-megapixel copy (<see cref="TileStatistics.Downscaled"/>) 3.8 grey levels at 1920×1080, 8.0 at 2048², 16 at
    /// 4096²; a sample of tiles (<see cref="TileStatistics.Sampled"/>) 2.7, 4.4 and 25.
    /// </summary>
    public TileStatistics TileStatistics { get; init; } = TileStatistics.Exact;

    /// <summary>The size of the picture <see cref="TileStatistics.Downscaled"/> gathers its statistics on.</summary>
    public int StatisticsPixels { get; init; } = 1 << 20;

    /// <summary>
    /// The core side of the tiles <see cref="TileStatistics.Sampled"/> samples (each with <see cref="TilePlan.Overlap"/>
    /// px of halo): smaller than the painting's, so that a sample of the same cost is spread over more of the picture.
    /// </summary>
    public int SampleCore { get; init; } = 512;

    /// <summary>
    /// The share of the sample plan's tiles <see cref="TileStatistics.Sampled"/> may run (fewer when the memory limit
    /// holds fewer in lock-step; at least one); 1 runs them all, which gives the exact statistics.
    /// </summary>
    public double SampleShare { get; init; } = 0.125;

    /// <summary>
    /// <see cref="TileStatistics.Sampled"/> also runs the picture scaled down to <see cref="StatisticsPixels"/> in the
    /// lock-step, and takes its whole-picture statistics corrected by the sample's (a difference estimate).
    /// </summary>
    public bool SampleGuided { get; init; } = true;

    /// <summary>
    /// Whether <see cref="TileStatistics.Exact"/> runs every tile of the sample plan in lock-step when they all fit the
    /// memory limit (about 1.6 times the picture's work, but in one piece: its tiles run on their own threads, so the
    /// engine cannot run a one-click picture in between) rather than the streaming passes (7.4 times the work, one tile
    /// run at a time). A print turns it off (<see cref="PrintJob.OptionsFor"/>); not part of a request's JSON.
    /// </summary>
    [JsonIgnore]
    public bool ExactInLockStep { get; init; } = true;


    /// <summary>Every setting that cannot paint, each as a sentence for the person who chose it; empty when all can.</summary>
    /// <param name="minSide">The smallest size the caller allows (a live camera allows fewer sizes than a photo).</param>
    /// <param name="maxSide">The largest size the caller allows.</param>
    public IReadOnlyList<string> Problems(int minSide = MinSide, int maxSide = MaxSideLimit)
    {
        var problems = new List<string>();
        if (MaxSide < minSide || MaxSide > maxSide) problems.Add($"The size must be between {minSide} and {maxSide} pixels on the longest side (got {MaxSide}).");
        if (!StyleStrength.IsValid(Strength)) problems.Add($"The style strength must be between 0 (the photo) and 1 (the style at full strength) (got {Strength}).");
        if (EdgePadding is < 0 or > MaxEdgePadding) problems.Add($"The edge padding must be between 0 and {MaxEdgePadding} pixels (got {EdgePadding}).");
        if (!Enum.IsDefined(Precision)) problems.Add($"Unknown precision {Precision}.");
        if (Tile is { } tile && (tile < TilePlan.MinCore || tile > MaxSideLimit)) problems.Add($"The tile size must be between {TilePlan.MinCore} and {MaxSideLimit} pixels (got {tile}).");
        if (MemoryLimitMegabytes < MinMemoryLimitMegabytes) problems.Add($"The memory limit must be at least {MinMemoryLimitMegabytes} MB (got {MemoryLimitMegabytes}).");
        if (!Enum.IsDefined(TileStatistics)) problems.Add($"Unknown tile statistics {TileStatistics}.");
        if (StatisticsPixels < MinSide * MinSide) problems.Add($"The statistics picture must have at least {MinSide * MinSide} pixels (got {StatisticsPixels}).");
        if (SampleCore < TilePlan.MinCore || SampleCore > MaxSideLimit) problems.Add($"The sample tile size must be between {TilePlan.MinCore} and {MaxSideLimit} pixels (got {SampleCore}).");
        if (!(SampleShare > 0 && SampleShare <= 1)) problems.Add($"The sample share must be above 0 and at most 1 (got {SampleShare}).");
        return problems;
    }
}
