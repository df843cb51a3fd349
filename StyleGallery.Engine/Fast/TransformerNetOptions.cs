namespace StyleGallery.Engine.Fast;

/// <summary>Which normalisation follows each convolution.</summary>
public enum FastNormalization
{
    /// <summary>Instance norm (Ulyanov et al. 2016), as in every pretrained network here.</summary>
    Instance,

    /// <summary>
    /// Batch norm (Ioffe &amp; Szegedy 2015), as in Johnson et al.'s original design; the output is mapped to pixels by
    /// X = floor(x·127.5 + 127.5) instead of tanh·150 + 127.5.
    /// </summary>
    Batch,
}

/// <summary>How the decoder doubles the resolution.</summary>
public enum FastUpsampling
{
    /// <summary>Stride-2 transposed convolution, as in Johnson et al. 2016 and the pretrained networks.</summary>
    TransposedConvolution,

    /// <summary>Nearest-neighbour 2x resize, then a 3x3 convolution: no checkerboard artefacts (Odena et al. 2016).</summary>
    ResizeConvolution,
}

/// <summary>How many channels each block has.</summary>
public enum FastWidth
{
    /// <summary>32, 64 and 128 channels, as in Johnson et al. 2016.</summary>
    Full,

    /// <summary>16, 32 and 64 channels: about 4x fewer multiply-adds, for training on a CPU.</summary>
    Half,
}

/// <summary>What each residual block convolves with.</summary>
public enum FastResidualConvolution
{
    /// <summary>Two full 3x3 convolutions, as in Johnson et al. 2016 and the pretrained networks.</summary>
    Full,

    /// <summary>
    /// Each 3x3 convolution split into a per-channel (depthwise) 3x3 and a 1x1 across channels (MobileNets, Howard et al.
    /// 2017): about 8x fewer multiply-adds at 64 or 128 channels. For the lite networks (<see cref="Lite.LiteNetwork"/>).
    /// </summary>
    DepthwiseSeparable,
}

/// <summary>
/// The architecture choices of <see cref="TransformerNet"/>. The defaults reproduce the pretrained
/// lengstrom/fast-style-transfer networks; training new styles may add other kinds (batch norm, resize-convolution).
/// </summary>
public sealed record TransformerNetOptions
{
    public FastNormalization Normalization { get; init; } = FastNormalization.Instance;
    public FastUpsampling Upsampling { get; init; } = FastUpsampling.TransposedConvolution;
    public FastWidth Width { get; init; } = FastWidth.Full;

    /// <summary>Residual blocks between encoder and decoder (Johnson et al. and the pretrained networks: 5).</summary>
    public int ResidualBlocks { get; init; } = 5;

    /// <summary>What the residual blocks convolve with; files saved before this option existed read as <see cref="FastResidualConvolution.Full"/>.</summary>
    public FastResidualConvolution ResidualConvolution { get; init; } = FastResidualConvolution.Full;

    /// <summary>
    /// Whether the last convolution's three channels are normalised too, as in lengstrom/fast-style-transfer and so in
    /// every pretrained network. Networks trained here leave it out (pytorch/examples' design, with a bias instead):
    /// normalising the output fixes each picture's per-channel mean and spread, and the network learns to escape that
    /// with one saturated blob that inflates the statistics, the "droplet" artefact Karras et al. (StyleGAN2, 2020) trace
    /// to normalisation. In our quick runs (half width, 128 and 160 px crops) a saturated red disc appeared by step 125
    /// with it and none without.
    /// </summary>
    public bool OutputNormalization { get; init; } = true;

    /// <summary>The pretrained networks use TensorFlow's 1e-3, not PyTorch's 1e-5.</summary>
    public double NormalizationEpsilon { get; init; } = 1e-3;

    public static TransformerNetOptions Pretrained { get; } = new();

    /// <summary>Channels of the first block (32 or 16); the next blocks double it twice.</summary>
    public int BaseChannels => Width == FastWidth.Half ? 16 : 32;
}
