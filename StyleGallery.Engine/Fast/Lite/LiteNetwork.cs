namespace StyleGallery.Engine.Fast.Lite;

/// <summary>
/// The lite style network of the live camera: <see cref="TransformerNet"/> at half width (16/32/64 channels) with its
/// five residual blocks' 3×3 convolutions depthwise-separable (MobileNets, Howard et al. 2017). About 12 % of the full
/// network's multiply-adds at any input size (<see cref="MultiplyAdds"/>); it is distilled from a full network
/// (<see cref="Training.Distillation.LiteDistiller"/>), not trained from a painting.
/// <para>
/// It is a <see cref="TransformerNet"/> with other options rather than a class of its own, so every path that runs a
/// fast style network (the stylizer, its cache, video, the live camera) runs it unchanged and a saved file names its
/// architecture in the same <c>network</c> metadata as any trained style.
/// </para>
/// </summary>
public static class LiteNetwork
{
    /// <summary>Johnson et al.'s encoder and decoder with transposed convolutions (the cheapest up-sampling), as the teachers.</summary>
    public static TransformerNetOptions Options { get; } = new()
    {
        Width = FastWidth.Half,
        ResidualBlocks = 5,
        ResidualConvolution = FastResidualConvolution.DepthwiseSeparable,
        Upsampling = FastUpsampling.TransposedConvolution,
        OutputNormalization = true,
    };

    /// <summary>The designs measured side by side before choosing <see cref="Options"/> (docs/lite.md).</summary>
    public static IReadOnlyList<(string Name, TransformerNetOptions Options)> Candidates { get; } =
    [
        ("half width, 5 blocks", Options with { ResidualConvolution = FastResidualConvolution.Full }),
        ("half width, 3 blocks", Options with { ResidualConvolution = FastResidualConvolution.Full, ResidualBlocks = 3 }),
        ("half width, 5 depthwise-separable blocks", Options),
        ("full width, 5 depthwise-separable blocks", Options with { Width = FastWidth.Full }),
    ];

    /// <summary>What a saved file's <c>architecture</c> metadata says: "lite" for <see cref="Options"/>, else "full".</summary>
    public static string ArchitectureOf(TransformerNetOptions options) => options == Options ? "lite" : "full";
}
