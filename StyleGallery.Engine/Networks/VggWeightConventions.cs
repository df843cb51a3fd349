namespace StyleGallery.Engine.Networks;

/// <summary>How a weight file names its convolutions.</summary>
public enum VggNaming
{
    /// <summary><c>conv1_1.weight</c>, <c>conv1_1.bias</c>, … (Caffe/Keras conversions).</summary>
    Caffe,

    /// <summary><c>features.N.weight</c> with N the index in torchvision's <c>features</c> Sequential.</summary>
    Torchvision,
}

/// <summary>
/// What a VGG weight file expects: its tensor names and its input normalisation. Images always reach the extractor
/// as RGB 0..255; the network input is <c>(x · InputScale / 255 − Mean) / Std</c> per channel.
/// </summary>
/// <param name="InputScale">The value white has at the network's input before mean/std: 255 (Caffe) or 1 (torchvision).</param>
public sealed record VggWeightConventions(VggNaming Naming, float InputScale, float[] Mean, float[] Std)
{
    /// <summary>RGB 0..255 minus the ImageNet mean, no division (the Caffe/Keras weights of the development mirror).</summary>
    public static VggWeightConventions Caffe { get; } =
        new(VggNaming.Caffe, 255f, [123.68f, 116.779f, 103.939f], [1f, 1f, 1f]);

    /// <summary>x/255, then (x − mean)/std (torchvision's <c>vgg16</c>/<c>vgg19</c> weights).</summary>
    public static VggWeightConventions Torchvision { get; } =
        new(VggNaming.Torchvision, 1f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}
