using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Whether a picture is painted in tiles, and how large they are: from <see cref="FastStyleOptions.Tile"/> when it is
/// set, else from <see cref="FastStyleOptions.MemoryLimitMegabytes"/> and the memory the network was measured to take
/// per pixel on this CPU (docs/poster.md).
/// </summary>
public static class TileSizing
{
    /// <summary>What the process holds besides the pictures and the network's activations: .NET, libtorch, the weights.</summary>
    public const long BaseBytes = 300L << 20;

    /// <summary>The photo at its working size and the result (3 bytes a pixel each), and Skia's RGBA copy to encode a JPEG.</summary>
    public const long PictureBytesPerPixel = 10;

    /// <summary>
    /// The network's peak per pixel of its (padded) input with the lean forward, float32: a whole picture's peak RSS
    /// (VmHWM, <c>poster-run --whole</c>) rose 460 MB per megapixel from 1024² (706 MB) to 2048² (2186 MB); rounded up.
    /// </summary>
    public const long Float32BytesPerPixel = 500;

    /// <summary>The same in bfloat16: 555 MB at 1024², 1260 MB at 2048², 220 to 290 MB per megapixel; rounded up.</summary>
    public const long BFloat16BytesPerPixel = 300;

    /// <summary>
    /// The core side to paint <paramref name="width"/> × <paramref name="height"/> (working size) with, or 0 to paint it
    /// whole: the forced <see cref="FastStyleOptions.Tile"/>, else tiles only when the whole would pass the memory limit.
    /// </summary>
    public static int CoreFor(int width, int height, FastStyleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tile is { } forced) return forced;
        var padded = (long)(width + 2 * options.EdgePadding) * (height + 2 * options.EdgePadding);
        var limit = (long)options.MemoryLimitMegabytes << 20;
        var network = NetworkBytesPerPixel(options.Precision);
        var pictures = BaseBytes + PictureBytesPerPixel * width * height;
        if (pictures + network * padded <= limit) return 0;
        var tilePixels = Math.Max(0, limit - pictures) / network;
        var side = (int)Math.Sqrt(tilePixels) - 2 * TilePlan.Overlap;
        return Math.Max(TilePlan.MinCore * 8, side - side % TilePlan.Grid);
    }

    /// <summary>
    /// What a tile waiting in <see cref="LockStepSample"/> holds per pixel of its window, float32. Its picture, input and
    /// activation at a layer come to at most about 160 B (32 channels at full size), but measured it is as much as a
    /// computing tile: 8192² with 32 waiting tiles of 644² (13.3 MP) and a 1 MP guide peaked at 5.35 GB in bfloat16,
    /// about 300 B per pixel of window beyond the pictures, as if every tile's thread kept its peak buffers (libtorch and
    /// oneDNN keep per-thread caches) while it waits. So the same as <see cref="Float32BytesPerPixel"/>.
    /// </summary>
    public const long Float32LockStepBytesPerPixel = Float32BytesPerPixel;

    /// <summary>The same in bfloat16: <see cref="BFloat16BytesPerPixel"/> (measured as above).</summary>
    public const long BFloat16LockStepBytesPerPixel = BFloat16BytesPerPixel;

    /// <summary>
    /// How many tiles of <paramref name="plan"/> (the sample plan of a <paramref name="width"/> × <paramref name="height"/>
    /// working picture) <see cref="TileStatistics.Sampled"/> runs in lock-step: <see cref="FastStyleOptions.SampleShare"/>
    /// of them (at least one), and no more than fit in <see cref="FastStyleOptions.MemoryLimitMegabytes"/> beside the
    /// pictures: one computing (the network's peak) and the others, and the guide, waiting at a layer.
    /// </summary>
    public static int SampleTilesFor(int width, int height, TilePlan plan, FastStyleOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var side = Math.Min(plan.Core + 2L * TilePlan.Overlap + TilePlan.Grid, Math.Max(plan.Width, plan.Height));
        var window = side * side;
        var guide = options.SampleGuided ? Math.Min(options.StatisticsPixels, (long)width * height) : 0;
        var computing = NetworkBytesPerPixel(options.Precision) * Math.Max(window, guide);
        var left = ((long)options.MemoryLimitMegabytes << 20) - BaseBytes - PictureBytesPerPixel * width * height - computing - LockStepBytesPerPixel(options.Precision) * guide;
        var byMemory = 1 + Math.Max(0, left) / (LockStepBytesPerPixel(options.Precision) * window);
        var byShare = (long)Math.Ceiling(options.SampleShare * plan.Tiles.Count);
        return (int)Math.Max(1, Math.Min(Math.Min(byMemory, byShare), plan.Tiles.Count));
    }

    public static long LockStepBytesPerPixel(ComputePrecision precision) =>
        precision == ComputePrecision.BFloat16 ? BFloat16LockStepBytesPerPixel : Float32LockStepBytesPerPixel;

    public static long NetworkBytesPerPixel(ComputePrecision precision) =>
        precision == ComputePrecision.BFloat16 ? BFloat16BytesPerPixel : Float32BytesPerPixel;
}
