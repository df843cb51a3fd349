using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// The total loss α·content + β·Σ_l w_l·style_l + γ·TV of Gatys et al. (2016) for one output size, with its
/// targets (content features P, style Grams A) computed once. Several style images blend by weighting their Grams.
/// </summary>
public sealed class GatysObjective : IDisposable
{
    private readonly VggFeatures _net;
    private readonly GatysOptions _options;
    private readonly Dictionary<string, Tensor> _contentTargets;
    private readonly Dictionary<string, Tensor> _styleTargets;

    private GatysObjective(VggFeatures net, GatysOptions options, Dictionary<string, Tensor> contentTargets, Dictionary<string, Tensor> styleTargets)
    {
        _net = net;
        _options = options;
        _contentTargets = contentTargets;
        _styleTargets = styleTargets;
    }

    /// <summary>
    /// Computes the targets. <paramref name="content"/> is [1,3,H,W] RGB 0..255 at the output size (ignored in texture
    /// mode, may be null there); each style is [1,3,h,w] at its own size with a blend weight.
    /// </summary>
    public static GatysObjective Create(VggFeatures net, GatysOptions options, Tensor? content,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var contentTargets = options.UsesContent ? ContentTargets(net, options, content ?? throw new ArgumentNullException(nameof(content))) : [];
        var styleTargets = options.UsesStyle ? StyleTargets(net, options, styles, outputHeight, outputWidth) : [];
        foreach (var target in contentTargets.Values.Concat(styleTargets.Values)) target.DetachFromDisposeScope();
        return new GatysObjective(net, options, contentTargets, styleTargets);
    }

    /// <summary>Evaluates the loss at <paramref name="image"/> ([1,3,H,W], 0..255); call backward on the total for the gradient.</summary>
    public GatysEvaluation Evaluate(Tensor image)
    {
        var features = _net.forward(image);
        var content = ContentLoss(features);
        var styleLayers = StyleLayerLosses(features);
        var style = WeightedStyle(styleLayers);
        var tv = GatysLosses.TotalVariation(image, _options.TvForm);
        var total = content.mul(_options.ContentWeight).add(style.mul(_options.StyleWeight)).add(tv.mul(_options.TvWeight));
        return new GatysEvaluation(total, Value(total), Value(content), Value(style), Value(tv),
            styleLayers.ToDictionary(p => p.Key, p => Value(p.Value)));
    }

    public void Dispose()
    {
        foreach (var target in _contentTargets.Values.Concat(_styleTargets.Values)) target.Dispose();
    }

    private Tensor ContentLoss(Dictionary<string, Tensor> features) =>
        _contentTargets.Aggregate(tensor(0f), (sum, target) => sum.add(GatysLosses.Content(features[target.Key], target.Value)));

    private Dictionary<string, Tensor> StyleLayerLosses(Dictionary<string, Tensor> features) =>
        _styleTargets.ToDictionary(t => t.Key, t => GatysLosses.StyleLayer(features[t.Key], t.Value));

    private Tensor WeightedStyle(Dictionary<string, Tensor> layerLosses)
    {
        var weights = _options.EffectiveStyleLayerWeights;
        return _options.StyleLayers.Select((layer, i) => (layer, weights[i]))
            .Where(p => layerLosses.ContainsKey(p.layer))
            .Aggregate(tensor(0f), (sum, p) => sum.add(layerLosses[p.layer].mul(p.Item2)));
    }

    private static Dictionary<string, Tensor> ContentTargets(VggFeatures net, GatysOptions options, Tensor content)
    {
        var features = net.forward(content);
        return options.ContentLayers.Distinct().ToDictionary(l => l, l => features[l].detach());
    }

    private static Dictionary<string, Tensor> StyleTargets(VggFeatures net, GatysOptions options,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth)
    {
        var totalWeight = styles.Sum(s => s.Weight);
        var targets = new Dictionary<string, Tensor>();
        foreach (var (image, weight) in styles.Where(s => s.Weight > 0))
        {
            var features = net.forward(image);
            foreach (var layer in options.StyleLayers.Distinct())
            {
                var (h, w) = VggLayout.SpatialSize(VggLayout.Find(net.Architecture, layer), outputHeight, outputWidth);
                var gram = GatysLosses.StyleTarget(features[layer], h * w).mul(weight / totalWeight);
                targets[layer] = targets.TryGetValue(layer, out var sum) ? sum.add(gram) : gram;
            }
        }
        return targets;
    }

    private static double Value(Tensor scalar) => scalar.detach().cpu().to(ScalarType.Float64).item<double>();
}
