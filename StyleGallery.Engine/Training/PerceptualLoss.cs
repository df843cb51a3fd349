using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>One step's loss: the total to back-propagate and its weighted parts as numbers for the loss curve.</summary>
public sealed record LossTerms(Tensor Total, double Content, double Style, double TotalVariation)
{
    public double Sum => Content + Style + TotalVariation;
}

/// <summary>
/// Johnson et al.'s perceptual loss through a frozen VGG: feature reconstruction against the photo at one layer, style
/// reconstruction against the painting's Gram matrices (computed once) at several, and total variation. The terms
/// are the Gatys loss code itself (<see cref="GatysLosses"/>), applied per photo and averaged over the batch.
/// </summary>
public sealed class PerceptualLoss : IDisposable
{
    private readonly VggFeatures _vgg;
    private readonly LossLayers _layers;
    private readonly TrainingOptions _options;
    private readonly Dictionary<string, Tensor> _styleGrams;

    private PerceptualLoss(VggFeatures vgg, LossLayers layers, TrainingOptions options, Dictionary<string, Tensor> styleGrams)
    {
        (_vgg, _layers, _options, _styleGrams) = (vgg, layers, options, styleGrams);
    }

    public LossLayers Layers => _layers;

    /// <summary>Loads the loss network and computes the painting's Gram targets for crops of <see cref="TrainingOptions.CropSize"/>.</summary>
    /// <exception cref="InvalidTrainingOptionsException">The weight file lacks a layer the loss needs.</exception>
    public static PerceptualLoss Create(VggWeightSource source, LossLayers layers, RgbImage style, TrainingOptions options, Device device)
    {
        var vgg = LoadVgg(source, layers, options.LossNetworkPrecision.ToScalarType());
        vgg.to(device);
        var grams = StyleGrams(vgg, layers, style, options.CropSize, device);
        return new PerceptualLoss(vgg, layers, options, grams);
    }

    /// <summary>The weighted loss of <paramref name="stylised"/> for the <paramref name="photos"/> it was made from, both [N,3,S,S] in 0..255.</summary>
    public LossTerms Compute(Tensor photos, Tensor stylised)
    {
        var batch = photos.shape[0];
        Tensor target;
        using (no_grad()) target = _vgg.forward(photos)[_layers.ContentLayer];
        var features = _vgg.forward(stylised);
        var content = GatysLosses.Content(features[_layers.ContentLayer], target).mul(_options.ContentWeight / batch);
        var style = StyleLoss(features, batch).mul(_options.StyleWeight);
        var tv = GatysLosses.TotalVariation(stylised, TotalVariationForm.Squared).mul(_options.TotalVariationWeight / batch);
        var total = content.add(style).add(tv);
        return new LossTerms(total, content.item<float>(), style.item<float>(), tv.item<float>());
    }

    public void Dispose()
    {
        _vgg.Dispose();
        foreach (var gram in _styleGrams.Values) gram.Dispose();
    }

    /// <summary>Mean over layers and photos of Gatys eq. 4, each photo against the painting's Gram.</summary>
    private Tensor StyleLoss(Dictionary<string, Tensor> features, long batch)
    {
        var sum = zeros(1, device: features[_layers.ContentLayer].device);
        foreach (var layer in _layers.StyleLayers)
            for (var i = 0; i < batch; i++)
                sum = sum.add(GatysLosses.StyleLayer(features[layer].narrow(0, i, 1), _styleGrams[layer]));
        return sum.div(batch * _layers.StyleLayers.Count).squeeze();
    }

    private static VggFeatures LoadVgg(VggWeightSource source, LossLayers layers, ScalarType computeType)
    {
        try
        {
            return VggFeatures.Load(source.Path, layers.Architecture, source.Conventions, layers.AllTaps, computeType: computeType);
        }
        catch (MissingVggLayerException e)
        {
            throw new InvalidTrainingOptionsException([e.Message]);
        }
    }

    /// <summary>The painting's Grams, rescaled to the number of positions a training crop has at each layer.</summary>
    private static Dictionary<string, Tensor> StyleGrams(VggFeatures vgg, LossLayers layers, RgbImage style, int cropSize, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = vgg.forward(ImageTensors.ToTensor(style).to(device));
        var grams = new Dictionary<string, Tensor>();
        foreach (var layer in layers.StyleLayers)
        {
            var (height, width) = VggLayout.SpatialSize(VggLayout.Find(layers.Architecture, layer), cropSize, cropSize);
            grams[layer] = GatysLosses.StyleTarget(features[layer], height * width).MoveToOuterDisposeScope();
        }
        return grams;
    }
}
