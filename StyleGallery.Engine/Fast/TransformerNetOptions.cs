namespace StyleGallery.Engine.Fast;

/// <summary>Which normalisation follows each convolution.</summary>
public enum FastNormalization
{
    /// <summary>Instance norm (Ulyanov et al. 2016), as in every pretrained network here.</summary>
    Instance,
}

/// <summary>How the decoder doubles the resolution.</summary>
public enum FastUpsampling
{
    /// <summary>Stride-2 transposed convolution, as in Johnson et al. 2016 and the pretrained networks.</summary>
    TransposedConvolution,
}

/// <summary>
/// The architecture choices of <see cref="TransformerNet"/>. The defaults reproduce the pretrained
/// lengstrom/fast-style-transfer networks; training new styles may add other kinds (batch norm, resize-convolution).
/// </summary>
public sealed record TransformerNetOptions
{
    public FastNormalization Normalization { get; init; } = FastNormalization.Instance;
    public FastUpsampling Upsampling { get; init; } = FastUpsampling.TransposedConvolution;

    /// <summary>The pretrained networks use TensorFlow's 1e-3, not PyTorch's 1e-5.</summary>
    public double NormalizationEpsilon { get; init; } = 1e-3;

    public static TransformerNetOptions Pretrained { get; } = new();
}
