using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// Measures stylisations so that methods and sizes can be compared (issue: "relative Gram error, the same VGG layers"):
/// the style distance is the mean over <c>styleLayers</c> of ‖Ĝ(x) − Ĝ(painting)‖ / ‖Ĝ(painting)‖ with Ĝ = G/M, the Gram
/// matrix per position, so a painting of another size compares fairly (Gatys et al. 2016 compare Grams of equal-sized
/// images); the content distance is ‖F(x) − F(photo)‖ / ‖F(photo)‖ at <c>contentLayer</c> (x and the photo must have the
/// same size). Norms are Frobenius norms.
/// </summary>
public sealed class StyleDistanceMeter : IDisposable
{
    private readonly VggFeatures _network;
    private readonly IReadOnlyList<string> _styleLayers;
    private readonly string _contentLayer;

    public StyleDistanceMeter(VggWeightFile weights, IReadOnlyList<string> styleLayers, string contentLayer)
    {
        if (styleLayers.Count == 0) throw new ArgumentException("Name at least one style layer.", nameof(styleLayers));
        _styleLayers = styleLayers;
        _contentLayer = contentLayer;
        _network = VggFeatures.Load(weights, styleLayers.Append(contentLayer).Distinct());
    }

    /// <summary>Gatys et al.'s layers: style relu1_1…relu5_1, content relu4_2 (VGG19).</summary>
    public static (IReadOnlyList<string> Style, string Content) GatysLayers { get; } =
        (["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], "relu4_2");

    public StyleDistances Measure(RgbImage picture, RgbImage photo, RgbImage painting)
    {
        if (picture.Width != photo.Width || picture.Height != photo.Height)
            throw new ArgumentException($"The picture ({picture.Width}×{picture.Height}) and the photo ({photo.Width}×{photo.Height}) must have the same size.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ofPicture = Features(picture);
        var ofPhoto = Features(photo);
        var ofPainting = Features(painting);
        var byLayer = _styleLayers.ToDictionary(l => l, l => RelativeGramError(ofPicture[l], ofPainting[l]));
        var content = RelativeError(ofPicture[_contentLayer], ofPhoto[_contentLayer]);
        return new StyleDistances(byLayer.Values.Average(), content, byLayer);
    }

    public void Dispose() => _network.Dispose();

    /// <summary>‖Ĝ(a) − Ĝ(b)‖ / ‖Ĝ(b)‖ with Ĝ = FFᵀ/M.</summary>
    public static double RelativeGramError(Tensor features, Tensor targetFeatures) =>
        RelativeError(GramPerPosition(features), GramPerPosition(targetFeatures));

    /// <summary>‖a − b‖ / ‖b‖ in double precision.</summary>
    public static double RelativeError(Tensor a, Tensor b)
    {
        using var a64 = a.to_type(ScalarType.Float64);
        using var b64 = b.to_type(ScalarType.Float64);
        using var difference = a64.sub(b64);
        using var differenceNorm = difference.norm();
        using var targetNorm = b64.norm();
        return differenceNorm.item<double>() / targetNorm.item<double>();
    }

    private static Tensor GramPerPosition(Tensor features) =>
        GatysLosses.Gram(features).div(GatysLosses.Positions(features));

    private Dictionary<string, Tensor> Features(RgbImage image)
    {
        var pixels = ImageTensors.ToTensor(image, PixelScale.ZeroTo255);
        return _network.forward(pixels);
    }
}
