using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Gatys.Tiling;

/// <summary>
/// Whether a level is evaluated in tiles, and how large they are: from <see cref="GatysOptions.Tile"/> when it is set,
/// else from <see cref="GatysOptions.MemoryLimitMegabytes"/>, what the level keeps whole (the picture, its gradient, the
/// content targets, the optimiser's state) and the memory one evaluation was measured to take per pixel (docs/poster.md).
/// </summary>
public static class GatysTileSizing
{
    /// <summary>What the process holds besides the level's tensors: .NET, libtorch, the VGG weights (about 470 MB measured).</summary>
    public const long BaseBytes = 500L << 20;

    /// <summary>
    /// Float32 copies of the picture a step holds besides the optimiser's state: the pixels, the gradient (and in tiles the
    /// sum it is gathered in), the next pixels, the clamp's and the optimiser's temporaries: 8 × 12 bytes a pixel.
    /// </summary>
    public const long PictureBytesPerPixel = 96;

    /// <summary>
    /// The peak of one evaluation (VGG19 to relu5_1 with gradient) per pixel of tile with a float32 network: estimated as
    /// the bfloat16 figure with the saved activations (about 600 values a pixel) in 4 bytes instead of 2.
    /// </summary>
    public const long Float32BytesPerPixel = 3600;

    /// <summary>
    /// The same with a bfloat16 network, measured: a whole evaluation's peak RSS (VmHWM, <c>poster-gatys run --whole</c>)
    /// rose from 1011 MB at 512² to 2641 MB at 1024², 2170 bytes per pixel; rounded up.
    /// </summary>
    public const long BFloat16BytesPerPixel = 2200;

    /// <summary>The smallest core automatic sizing chooses; smaller cores spend most of their work on the halo.</summary>
    public const int MinAutomaticCore = 256;

    /// <summary>
    /// The tiling of an H×W level, or null to evaluate it whole: the forced <see cref="GatysOptions.Tile"/>, else tiles
    /// only when the whole would pass the memory limit, as large as the limit leaves room for (at least
    /// <see cref="MinAutomaticCore"/>).
    /// </summary>
    public static GatysTiling? TilingFor(long height, long width, GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tile is { } forced) return GatysTiling.For(options, forced);
        var pixels = height * width;
        var limit = (long)options.MemoryLimitMegabytes << 20;
        var kept = BaseBytes + KeptBytesPerPixel(options) * pixels;
        var network = NetworkBytesPerPixel(options.Precision);
        if (kept + network * pixels <= limit) return null;
        var halo = GatysTiling.For(options, MinAutomaticCore).Halo;
        var side = (int)Math.Sqrt(Math.Max(0, limit - kept) / network) - 2 * halo;
        return GatysTiling.For(options, Math.Max(MinAutomaticCore, side));
    }

    /// <summary>Bytes per output pixel a level keeps whole while it is evaluated in tiles.</summary>
    public static long KeptBytesPerPixel(GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PictureBytesPerPixel + OptimizerStateBytesPerPixel(options) + ContentTargetBytesPerPixel(options);
    }

    /// <summary>Adam's two moments; L-BFGS's pairs (s, y) and its previous pixels and gradient, float32, 3 channels.</summary>
    public static long OptimizerStateBytesPerPixel(GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Optimizer == GatysOptimizer.Adam ? 2 * 12 : (2L * options.LbfgsHistory + 2) * 12;
    }

    /// <summary>The content targets P, float32, kept whole at their layers' resolution (relu4_2: 512 channels at 1/64: 32 bytes a pixel).</summary>
    public static long ContentTargetBytesPerPixel(GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesContent) return 0;
        return options.ContentLayers.Distinct().Sum(l =>
        {
            var layer = VggLayout.Find(options.Network, l);
            return 4L * layer.OutChannels >> (2 * VggLayout.Poolings(layer));
        });
    }

    public static long NetworkBytesPerPixel(ComputePrecision precision) =>
        precision == ComputePrecision.BFloat16 ? BFloat16BytesPerPixel : Float32BytesPerPixel;
}
