using StyleGallery.Engine.Networks;

namespace StyleGallery.Engine.Gatys;

/// <summary>A named choice of network, layers and weights from the literature.</summary>
public sealed record GatysPreset(
    string Name,
    string Description,
    VggArchitecture Network,
    IReadOnlyList<string> ContentLayers,
    IReadOnlyList<string> StyleLayers,
    double ContentWeight,
    double StyleWeight,
    double TvWeight)
{
    /// <summary>These options with the preset's network, layers and weights (per-layer weights reset to 1/n).</summary>
    public GatysOptions ApplyTo(GatysOptions options) => options with
    {
        Network = Network,
        ContentLayers = ContentLayers,
        StyleLayers = StyleLayers,
        StyleLayerWeights = null,
        ContentWeight = ContentWeight,
        StyleWeight = StyleWeight,
        TvWeight = TvWeight,
    };
}

/// <summary>
/// The layer choices of the literature. Weights are for this engine's exact loss terms on Caffe-convention VGG
/// (0..255 input): ½Σ(F−P)² content and Σ(G−A)²/(4N²M²) style averaged over the layers.
/// </summary>
public static class GatysPresets
{
    /// <summary>
    /// Gatys, Ecker &amp; Bethge (2016): VGG19, content relu4_2, style relu1_1 … relu5_1. The paper's α/β = 1e-3 was for
    /// its mean-normalised VGG; on Caffe VGG with 0..255 input the Gram terms are relatively larger, and 1e-3 gave pure
    /// texture with no trace of the photo (tubingen + starry_night, 256 px, L-BFGS from noise). α/β = 1e-2 gives a
    /// Starry-Night painting of the town by 100 iterations; 1e-1 looked like the photo under a texture overlay.
    /// </summary>
    public static GatysPreset Gatys { get; } = new("gatys",
        "Gatys et al. 2016: VGG19, content relu4_2, style relu1_1-relu5_1",
        VggArchitecture.Vgg19, ["relu4_2"], ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], 1, 1e2, GatysOptions.DefaultTvWeight);

    /// <summary>Johnson, Alahi &amp; Fei-Fei (2016): VGG16, content relu3_3, style relu1_2, relu2_2, relu3_3, relu4_3.</summary>
    public static GatysPreset Johnson { get; } = new("johnson",
        "Johnson et al. 2016: VGG16, content relu3_3, style relu1_2, relu2_2, relu3_3, relu4_3",
        VggArchitecture.Vgg16, ["relu3_3"], JohnsonStyleLayers, 1, 1e4, 1);

    /// <summary>The VGG16 variant with content at relu2_2 (Johnson et al.'s released models): keeps more detail.</summary>
    public static GatysPreset JohnsonShallow { get; } = new("johnson-relu2_2",
        "Johnson et al. 2016 variant: VGG16, content relu2_2, style relu1_2, relu2_2, relu3_3, relu4_3",
        VggArchitecture.Vgg16, ["relu2_2"], JohnsonStyleLayers, 1, 1e4, 1);

    public static IReadOnlyList<GatysPreset> All { get; } = [Gatys, Johnson, JohnsonShallow];

    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToList();

    /// <summary>The preset with this name (case-insensitive), or an <see cref="ArgumentException"/> listing the names.</summary>
    public static GatysPreset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}'. Known presets: {string.Join(", ", Names)}.", nameof(name));

    private static IReadOnlyList<string> JohnsonStyleLayers => ["relu1_2", "relu2_2", "relu3_3", "relu4_3"];
}
