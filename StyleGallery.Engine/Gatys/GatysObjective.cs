using StyleGallery.Engine.Gatys.Tiling;
using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// The total loss α·content + β·Σ_l w_l·style_l + γ·TV of Gatys et al. (2016) for one output size, with its
/// targets (content features P, style Grams A) computed once. Several style images blend by weighting their Grams.
/// A large picture is evaluated in tiles (<see cref="Tiling"/>, GatysObjective.Tiled.cs) with the same loss and gradient.
/// </summary>
public sealed partial class GatysObjective : IDisposable
{
    private readonly VggFeatures _net;
    private readonly GatysOptions _options;
    private readonly Dictionary<string, Tensor> _contentTargets;
    private readonly Dictionary<string, Tensor> _styleTargets;
    private readonly Dictionary<string, double> _styleLayerWeights;

    private GatysObjective(VggFeatures net, GatysOptions options, Dictionary<string, Tensor> contentTargets, Dictionary<string, Tensor> styleTargets,
        GatysTiling? tiling)
    {
        Tiling = tiling;
        _net = net;
        _options = options;
        _contentTargets = contentTargets;
        _styleTargets = styleTargets;
        _styleLayerWeights = StyleLayerWeights(options);
    }

    /// <summary>How the pictures are cut for evaluation; null when they are evaluated whole.</summary>
    public GatysTiling? Tiling { get; }

    /// <summary>
    /// Computes the targets. <paramref name="content"/> is [1,3,H,W] RGB 0..255 at the output size (ignored in texture
    /// mode, may be null there); each style is [1,3,h,w] at its own size with a blend weight. The output is evaluated in
    /// tiles when <see cref="GatysOptions.Tile"/> is set or the whole would pass <see cref="GatysOptions.MemoryLimitMegabytes"/>
    /// (<see cref="GatysTileSizing"/>).
    /// </summary>
    public static GatysObjective Create(VggFeatures net, GatysOptions options, Tensor? content,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(net, options, content, styles, outputHeight, outputWidth, GatysTileSizing.TilingFor(outputHeight, outputWidth, options));
    }

    /// <summary>
    /// <see cref="Create(VggFeatures, GatysOptions, Tensor?, IReadOnlyList{ValueTuple{Tensor, double}}, long, long)"/> with
    /// the tiling given: null evaluates whole. With a tiling the targets are computed in the same tiles.
    /// </summary>
    public static GatysObjective Create(VggFeatures net, GatysOptions options, Tensor? content,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth, GatysTiling? tiling)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(options);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var contentTargets = options.UsesContent ? ContentTargets(net, options, content ?? throw new ArgumentNullException(nameof(content)), tiling) : [];
        var styleTargets = options.UsesStyle ? StyleTargets(net, options, styles, outputHeight, outputWidth, tiling) : [];
        foreach (var target in contentTargets.Values.Concat(styleTargets.Values)) target.DetachFromDisposeScope();
        return new GatysObjective(net, options, contentTargets, styleTargets, tiling);
    }

    /// <summary>
    /// The loss at <paramref name="image"/> ([1,3,H,W], 0..255) and its gradient. The content and style terms are
    /// differentiated in closed form at the feature maps (eqs. 2 and 6) and only the network and the total variation
    /// go through autograd.
    /// </summary>
    public GatysEvaluation Evaluate(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Tiling is not null) return EvaluateTiled(image, Tiling);
        var pixels = image.detach().requires_grad_(true);
        var features = _net.forward(pixels);
        var featureGradients = new Dictionary<string, Tensor>();
        double content;
        Dictionary<string, double> styleLayers;
        using (no_grad())
        {
            content = ContentTerms(features, featureGradients);
            styleLayers = StyleTerms(features, featureGradients);
        }
        var style = WeightedStyle(styleLayers);
        var tv = GatysLosses.TotalVariation(pixels, _options.TvForm);
        var tvWeight = _options.TvWeightAt(image.shape[2] * image.shape[3]);
        var layers = featureGradients.Keys.ToList();
        autograd.backward([.. layers.Select(l => features[l]), tv],
            [.. layers.Select(l => featureGradients[l]), tensor((float)tvWeight)]);
        // Freed now rather than at the end of the caller's scope: at 1024² these are hundreds of megabytes.
        foreach (var tensor in featureGradients.Values.Concat(features.Values)) tensor.Dispose();
        var tvValue = Value(tv);
        var total = _options.ContentWeight * content + _options.StyleWeight * style + tvWeight * tvValue;
        return new GatysEvaluation(pixels.grad!, total, content, style, tvValue, styleLayers);
    }

    public void Dispose()
    {
        foreach (var target in _contentTargets.Values.Concat(_styleTargets.Values)) target.Dispose();
    }

    /// <summary>Σ over content layers of eq. 1; adds α·∂/∂F to <paramref name="gradients"/>.</summary>
    private double ContentTerms(Dictionary<string, Tensor> features, Dictionary<string, Tensor> gradients)
    {
        var sum = 0.0;
        foreach (var (layer, target) in _contentTargets)
        {
            var (loss, gradient) = GatysLosses.ContentWithGradient(features[layer], target, _options.ContentWeight);
            sum += Value(loss);
            Accumulate(gradients, layer, gradient);
        }
        return sum;
    }

    /// <summary>Eq. 4 per style layer; adds β·w_l·∂/∂F to <paramref name="gradients"/>.</summary>
    private Dictionary<string, double> StyleTerms(Dictionary<string, Tensor> features, Dictionary<string, Tensor> gradients)
    {
        var losses = new Dictionary<string, double>();
        foreach (var (layer, target) in _styleTargets)
        {
            var (loss, gradient) = GatysLosses.StyleLayerWithGradient(features[layer], target,
                _options.StyleWeight * _styleLayerWeights[layer], _net.ComputeType);
            losses[layer] = Value(loss);
            Accumulate(gradients, layer, gradient);
        }
        return losses;
    }

    private double WeightedStyle(Dictionary<string, double> layerLosses) =>
        layerLosses.Sum(p => _styleLayerWeights[p.Key] * p.Value);

    /// <summary>w_l per layer; a layer listed twice counts with both weights.</summary>
    private static Dictionary<string, double> StyleLayerWeights(GatysOptions options) =>
        options.StyleLayers.Zip(options.EffectiveStyleLayerWeights)
            .GroupBy(p => p.First, p => p.Second)
            .ToDictionary(g => g.Key, g => g.Sum());

    private static void Accumulate(Dictionary<string, Tensor> gradients, string layer, Tensor gradient)
    {
        if (!gradients.TryGetValue(layer, out var sum)) { gradients[layer] = gradient; return; }
        sum.add_(gradient);
        gradient.Dispose();
    }

    private static Dictionary<string, Tensor> ContentTargets(VggFeatures net, GatysOptions options, Tensor content, GatysTiling? tiling)
    {
        if (tiling is not null) return TiledContentTargets(net, options, content, tiling);
        var features = net.forward(content);
        return options.ContentLayers.Distinct().ToDictionary(l => l, l => features[l].detach());
    }

    private static Dictionary<string, Tensor> StyleTargets(VggFeatures net, GatysOptions options,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth, GatysTiling? tiling)
    {
        if (tiling is not null) return TiledStyleTargets(net, options, styles, outputHeight, outputWidth, tiling);
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
