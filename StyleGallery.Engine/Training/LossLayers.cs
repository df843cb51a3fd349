using StyleGallery.Engine.Networks;

namespace StyleGallery.Engine.Training;

/// <summary>Which frozen VGG gives the perceptual loss, and at which layers.</summary>
public sealed record LossLayers(VggArchitecture Architecture, string ContentLayer, IReadOnlyList<string> StyleLayers)
{
    /// <summary>Johnson et al. 2016: content at relu3_3 (as this project's issue asks), style at relu1_2 … relu4_3. Needs a complete VGG16.</summary>
    public static LossLayers Vgg16Johnson { get; } = new(VggArchitecture.Vgg16, "relu3_3", ["relu1_2", "relu2_2", "relu3_3", "relu4_3"]);

    /// <summary>
    /// For machines with VGG19 only (the development mirror's VGG16 stops at conv3_3): the first ReLU of each of the
    /// first four blocks for style, as Gatys et al. do, and relu3_1, VGG19's counterpart of relu3_3's depth and
    /// receptive field, for content.
    /// </summary>
    public static LossLayers Vgg19Fallback { get; } = new(VggArchitecture.Vgg19, "relu3_1", ["relu1_1", "relu2_1", "relu3_1", "relu4_1"]);

    /// <summary>Every tap the loss network must return.</summary>
    public IReadOnlyList<string> AllTaps => [.. StyleLayers.Append(ContentLayer).Distinct()];

    public override string ToString() => $"{Architecture}: content {ContentLayer}; style {string.Join(", ", StyleLayers)}";
}
