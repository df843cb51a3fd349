using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Every control of a Gatys run, with its default. This record is the one place defaults live; presets
/// (<see cref="GatysPresets"/>) are <c>with</c>-copies of it. <see cref="Problems()"/> (GatysOptions.Problems.cs) is the
/// one check of the values; the engine and the stylizer call it.
/// </summary>
public sealed partial record GatysOptions
{
    /// <summary>Loss network. Default VGG19, the paper's.</summary>
    public VggArchitecture Network { get; init; } = VggArchitecture.Vgg19;

    /// <summary>Pooling between blocks; Gatys et al. found average pooling slightly better for synthesis, max is the trained net.</summary>
    public VggPooling Pooling { get; init; } = VggPooling.Max;

    public GatysMode Mode { get; init; } = GatysMode.Transfer;

    /// <summary>
    /// What the loss network's convolutions compute in. The pixels, the losses, their gradient and the optimiser stay
    /// in float32 either way (mixed precision). bfloat16 is 1.3-1.6× faster per evaluation on CPUs with AVX-512 BF16
    /// and ends where float32 ends, from noise or from the photo (docs/gatys.md, GatysStylizerTests); float32 is the
    /// exact choice (the golden tests) and the better one on CPUs without bfloat16 instructions.
    /// </summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.BFloat16;

    /// <summary>Longest side of the output in pixels; the content's aspect ratio is kept.</summary>
    public int MaxSide { get; init; } = 512;

    /// <summary>Iterations per scale level; one iteration is one evaluation of the loss and its gradient.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Seeds the initial noise; the same seed on the same machine gives a bit-identical result.</summary>
    public long Seed { get; init; }

    /// <summary>Where the picture starts: white noise, the paper's way (the photo is a faster start with less painterly freedom).</summary>
    public GatysInit Init { get; init; } = GatysInit.Noise;

    /// <summary>
    /// The noise a <see cref="GatysInit.Noise"/> start draws: low-pass by default, since the paper's per-pixel white
    /// noise leaves a grain the losses never remove (2.8× the painting's own high frequencies; docs/noise-start.md).
    /// </summary>
    public NoiseStart NoiseStart { get; init; } = NoiseStart.LowPass;

    /// <summary>
    /// From noise, the first this many iterations weigh the content <see cref="ContentWarmupFactor"/> times more, then the
    /// optimiser starts afresh on the real weights. From noise the content must be built from nothing and, at the plain
    /// weights, is still missing after 100 iterations (issue 21); weighing it more for the whole run would cost style.
    /// 0: none (the paper).
    /// </summary>
    public int ContentWarmupIterations { get; init; } = 100;

    /// <summary>How much more the content weighs during <see cref="ContentWarmupIterations"/>.</summary>
    public double ContentWarmupFactor { get; init; } = 3;

    /// <summary>The starting picture when <see cref="Init"/> is <see cref="GatysInit.Image"/>.</summary>
    public RgbImage? InitImage { get; init; }

    public GatysOptimizer Optimizer { get; init; } = GatysOptimizer.Lbfgs;

    /// <summary>Adam's step size, in pixel units (0..255).</summary>
    public double LearningRate { get; init; } = 5;

    /// <summary>L-BFGS curvature pairs kept.</summary>
    public int LbfgsHistory { get; init; } = 20;

    /// <summary>α, the content weight.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>
    /// β, the style weight; the same as the "gatys" preset. The paper's α/β of 1e-3 assumed its own VGG scaling;
    /// on the Caffe VGG (0..255 input) 1e2 gives a painting in which the photo stays recognisable (docs/gatys.md).
    /// </summary>
    public double StyleWeight { get; init; } = 1e2;

    /// <summary>
    /// γ, the total-variation weight (not in the paper), for a picture of <see cref="TvReferencePixels"/> pixels. 2 200
    /// is about 11 700 at 128×96 and 2 900 at 256×192: about the smallest weight that takes the speckle out of a noise
    /// start on every measured pair without flattening the painting (issue 21, docs/noise-start.md); it was 1, which did
    /// nothing.
    /// </summary>
    public double TvWeight { get; init; } = DefaultTvWeight;

    public const double DefaultTvWeight = 2200;

    /// <summary>
    /// The picture size, in pixels, at which <see cref="TvWeight"/> applies as it is; at H·W pixels it is scaled by
    /// <c>TvReferencePixels / (H·W)</c>. Each Gram is normalised by M², so the style term's pull on one pixel falls as
    /// 1/M while the total variation's does not: a constant γ that cleans 128 px would flatten 1024 px. Null: γ as it is
    /// at every size (the reference implementations' way; the golden tests use it).
    /// </summary>
    public int? TvReferencePixels { get; init; } = 65_536;

    /// <summary>γ at a picture of <paramref name="pixels"/> pixels.</summary>
    public double TvWeightAt(long pixels) => TvReferencePixels is { } reference ? TvWeight * reference / pixels : TvWeight;

    public TotalVariationForm TvForm { get; init; } = TotalVariationForm.Isotropic;

    /// <summary>Content layers; their losses are summed.</summary>
    public IReadOnlyList<string> ContentLayers { get; init; } = ["relu4_2"];

    /// <summary>Style layers (the paper's relu1_1 … relu5_1).</summary>
    public IReadOnlyList<string> StyleLayers { get; init; } = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    /// <summary>Per-style-layer weights w_l, one per <see cref="StyleLayers"/> entry; null means 1/number of layers each.</summary>
    public IReadOnlyList<double>? StyleLayerWeights { get; init; }

    /// <summary>Style image size as a multiple of the output's longest side (smaller → finer brush strokes).</summary>
    public double StyleScale { get; init; } = 1.0;

    /// <summary>Keep the content's colours: optimise luminance only and put the content's chroma back (Gatys et al. 2016b).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>Coarse-to-fine levels: 1 is a single pass; each extra level starts at half the side and is upsampled.</summary>
    public int ScaleLevels { get; init; } = 1;

    /// <summary>
    /// The peak memory, in MB, a level may take: a level whose whole-picture evaluation would pass it is evaluated in tiles
    /// sized to it (<see cref="Tiling.GatysTileSizing"/>, docs/poster.md). The default keeps a 4096² level with Adam or a
    /// short L-BFGS history within about 8 GB; L-BFGS's 20 pairs alone are 8 GB at 4096² (24 bytes a pixel a pair).
    /// </summary>
    public int MemoryLimitMegabytes { get; init; } = 8000;

    /// <summary>
    /// Evaluate in tiles with cores of this many pixels whatever the memory limit (rounded down to the loss network's
    /// pooling grid, 16 px for relu5_1); null: only when the whole would pass <see cref="MemoryLimitMegabytes"/>. Each tile
    /// also sees a halo of the deepest layer's reach (80 px for relu5_1), so the loss and gradient are the whole picture's.
    /// </summary>
    public int? Tile { get; init; }

    /// <summary>A preview is produced when at least this many iterations …</summary>
    public int PreviewEveryIterations { get; init; } = 10;

    /// <summary>… and at least this much time have passed since the last one (whichever comes later).</summary>
    public TimeSpan PreviewMinInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The weight of each style layer after defaulting (1/number of layers).</summary>
    public IReadOnlyList<double> EffectiveStyleLayerWeights =>
        StyleLayerWeights ?? StyleLayers.Select(_ => 1.0 / StyleLayers.Count).ToList();

    /// <summary>The layers the loss network must produce for this mode.</summary>
    public IReadOnlyList<string> RequiredLayers => [.. (UsesContent ? ContentLayers : []).Concat(UsesStyle ? StyleLayers : []).Distinct()];

    public bool UsesContent => Mode != GatysMode.SynthesizeTexture;
    public bool UsesStyle => Mode != GatysMode.ReconstructContent;
}
