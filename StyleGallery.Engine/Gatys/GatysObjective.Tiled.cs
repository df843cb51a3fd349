using StyleGallery.Engine.Gatys.Tiling;
using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// The objective evaluated in tiles, so that only one tile's activations exist at a time. Every term is a sum over
/// positions, and with a halo of the deepest layer's reach a tile's core features are the whole picture's. So:
/// pass 1 (no gradient) sums each style layer's Gram over the tiles' cores, which gives the whole picture's G, its loss
/// and the factor (G − A)/(N²M²) of eq. 6; pass 2 runs each tile with gradient, sets ∂L/∂F on its core (that factor
/// times F for style, F − P for content, zero on the halo), adds the total variation of its core, goes back to the
/// tile's pixels and adds their gradient into the whole picture's (halo pixels included: core features depend on them).
/// </summary>
public sealed partial class GatysObjective
{
    private GatysEvaluation EvaluateTiled(Tensor image, GatysTiling tiling)
    {
        var (height, width) = ((int)image.shape[2], (int)image.shape[3]);
        var tiles = tiling.Tiles(height, width);
        var styleLayers = new Dictionary<string, double>();
        var factors = new Dictionary<string, Tensor>();
        if (_styleTargets.Count > 0)
        {
            var grams = WholeGrams(_net, image, tiles, _styleTargets.Keys);
            foreach (var (layer, target) in _styleTargets)
            {
                var (h, w) = VggLayout.SpatialSize(VggLayout.Find(_net.Architecture, layer), height, width);
                var (n, m) = (target.shape[0], h * w);
                var difference = grams[layer].sub_(target);
                styleLayers[layer] = Value(GatysLosses.StyleLossOfDifference(difference, n, m));
                factors[layer] = GatysLosses.StyleFactor(difference, n, m, _options.StyleWeight * _styleLayerWeights[layer], _net.ComputeType);
                difference.Dispose();
            }
        }
        var gradient = zeros_like(image);
        var tvWeight = _options.TvWeightAt((long)height * width);
        double content = 0, tv = 0;
        foreach (var tile in tiles)
        {
            using var scope = NewDisposeScope();
            var (tileContent, tileTv) = EvaluateTile(image, tile, height, width, factors, tvWeight, gradient);
            content += tileContent;
            tv += tileTv;
        }
        foreach (var factor in factors.Values) factor.Dispose();
        var style = WeightedStyle(styleLayers);
        var total = _options.ContentWeight * content + _options.StyleWeight * style + tvWeight * tv;
        return new GatysEvaluation(gradient, total, content, style, tv, styleLayers);
    }

    /// <summary>Pass 2 for one tile: its content and total-variation terms; adds its part of the gradient to <paramref name="gradient"/>.</summary>
    private (double Content, double Tv) EvaluateTile(Tensor image, GatysTile tile, int height, int width,
        Dictionary<string, Tensor> factors, double tvWeight, Tensor gradient)
    {
        var (rows, columns) = (tile.Rows.Start..tile.Rows.End, tile.Columns.Start..tile.Columns.End);
        var pixels = image.detach()[.., .., rows, columns].clone().requires_grad_(true);
        var features = _net.forward(pixels);
        var featureGradients = new Dictionary<string, Tensor>();
        var content = 0.0;
        using (no_grad())
        {
            foreach (var (layer, target) in _contentTargets)
            {
                var (core, whole) = CoreOf(layer, tile, height, width);
                var (loss, layerGradient) = GatysLosses.ContentWithGradient(features[layer][.., .., core.Rows, core.Columns],
                    target[.., .., whole.Rows, whole.Columns], _options.ContentWeight);
                content += Value(loss);
                AddOnCore(featureGradients, layer, features[layer], core, layerGradient);
            }
            foreach (var (layer, factor) in factors)
            {
                var (core, _) = CoreOf(layer, tile, height, width);
                AddOnCore(featureGradients, layer, features[layer], core, GatysLosses.StyleGradient(factor, features[layer][.., .., core.Rows, core.Columns]));
            }
        }
        // Σ over the core's (i, j) with i < H − 1, j < W − 1: the core and one more row and column where the picture has them.
        var tvRows = (tile.Rows.CoreStart - tile.Rows.Start)..(Math.Min(tile.Rows.CoreEnd + 1, height) - tile.Rows.Start);
        var tvColumns = (tile.Columns.CoreStart - tile.Columns.Start)..(Math.Min(tile.Columns.CoreEnd + 1, width) - tile.Columns.Start);
        var tv = GatysLosses.TotalVariation(pixels[.., .., tvRows, tvColumns], _options.TvForm);
        var layers = featureGradients.Keys.ToList();
        autograd.backward([.. layers.Select(l => features[l]), tv], [.. layers.Select(l => featureGradients[l]), tensor((float)tvWeight)]);
        foreach (var tensor in featureGradients.Values.Concat(features.Values)) tensor.Dispose();
        gradient[.., .., rows, columns].add_(pixels.grad!);
        return (content, Value(tv));
    }

    /// <summary>∂L/∂F of one tap for one tile: <paramref name="coreGradient"/> on its core, zero on the halo.</summary>
    private static void AddOnCore(Dictionary<string, Tensor> gradients, string layer, Tensor features, (Range Rows, Range Columns) core, Tensor coreGradient)
    {
        if (!gradients.TryGetValue(layer, out var full)) gradients[layer] = full = zeros_like(features);
        full[.., .., core.Rows, core.Columns].add_(coreGradient);
        coreGradient.Dispose();
    }

    /// <summary>Where a tile's core lies at <paramref name="layer"/>: in the tile's own feature map and in the whole picture's.</summary>
    private ((Range Rows, Range Columns) Tile, (Range Rows, Range Columns) Whole) CoreOf(string layer, GatysTile tile, int height, int width) =>
        CoreOf(_net.Architecture, layer, tile, height, width);

    private static ((Range Rows, Range Columns) Tile, (Range Rows, Range Columns) Whole) CoreOf(VggArchitecture architecture, string layer,
        GatysTile tile, int height, int width)
    {
        var poolings = VggLayout.Poolings(VggLayout.Find(architecture, layer));
        var (r0, r1) = tile.Rows.CoreAt(poolings, height);
        var (c0, c1) = tile.Columns.CoreAt(poolings, width);
        var (rowOrigin, columnOrigin) = (tile.Rows.Start >> poolings, tile.Columns.Start >> poolings);
        return ((r0..r1, c0..c1), ((rowOrigin + r0)..(rowOrigin + r1), (columnOrigin + c0)..(columnOrigin + c1)));
    }

    /// <summary>Pass 1: each of <paramref name="layers"/>' Gram matrices of the whole <paramref name="image"/>, summed over the tiles' cores.</summary>
    private static Dictionary<string, Tensor> WholeGrams(VggFeatures net, Tensor image, IReadOnlyList<GatysTile> tiles, IEnumerable<string> layers)
    {
        var (height, width) = ((int)image.shape[2], (int)image.shape[3]);
        var grams = layers.Distinct().ToDictionary(l => l, l =>
        {
            var channels = VggLayout.Find(net.Architecture, l).OutChannels;
            return zeros(channels, channels);
        });
        using var noGrad = no_grad();
        foreach (var tile in tiles)
        {
            using var scope = NewDisposeScope();
            var features = net.forward(image.detach()[.., .., tile.Rows.Start..tile.Rows.End, tile.Columns.Start..tile.Columns.End]);
            foreach (var (layer, gram) in grams)
            {
                var (core, _) = CoreOf(net.Architecture, layer, tile, height, width);
                using var tileGram = GatysLosses.Gram(features[layer][.., .., core.Rows, core.Columns]);
                gram.add_(tileGram);
            }
            foreach (var tensor in features.Values) tensor.Dispose();
        }
        return grams;
    }

    /// <summary>The content targets P of the whole picture, assembled from the tiles' cores.</summary>
    private static Dictionary<string, Tensor> TiledContentTargets(VggFeatures net, GatysOptions options, Tensor content, GatysTiling tiling)
    {
        var (height, width) = ((int)content.shape[2], (int)content.shape[3]);
        var targets = options.ContentLayers.Distinct().ToDictionary(l => l, l =>
        {
            var layer = VggLayout.Find(net.Architecture, l);
            var (h, w) = VggLayout.SpatialSize(layer, height, width);
            return zeros(1, layer.OutChannels, h, w);
        });
        foreach (var tile in tiling.Tiles(height, width))
        {
            using var scope = NewDisposeScope();
            var features = net.forward(content[.., .., tile.Rows.Start..tile.Rows.End, tile.Columns.Start..tile.Columns.End]);
            foreach (var (layer, target) in targets)
            {
                var (core, whole) = CoreOf(net.Architecture, layer, tile, height, width);
                target[.., .., whole.Rows, whole.Columns].copy_(features[layer][.., .., core.Rows, core.Columns]);
            }
            foreach (var tensor in features.Values) tensor.Dispose();
        }
        return targets;
    }

    /// <summary>The blended style Grams A, each style image's Gram summed over its own tiles and rescaled as in the untiled case.</summary>
    private static Dictionary<string, Tensor> TiledStyleTargets(VggFeatures net, GatysOptions options,
        IReadOnlyList<(Tensor Image, double Weight)> styles, long outputHeight, long outputWidth, GatysTiling tiling)
    {
        var totalWeight = styles.Sum(s => s.Weight);
        var targets = new Dictionary<string, Tensor>();
        var layers = options.StyleLayers.Distinct().ToList();
        foreach (var (image, weight) in styles.Where(s => s.Weight > 0))
        {
            var (styleHeight, styleWidth) = (image.shape[2], image.shape[3]);
            var grams = WholeGrams(net, image, tiling.Tiles(styleHeight, styleWidth), layers);
            foreach (var layer in layers)
            {
                var layout = VggLayout.Find(net.Architecture, layer);
                var (h, w) = VggLayout.SpatialSize(layout, outputHeight, outputWidth);
                var (sh, sw) = VggLayout.SpatialSize(layout, styleHeight, styleWidth);
                var gram = grams[layer].mul((double)(h * w) / (sh * sw)).mul(weight / totalWeight);
                grams[layer].Dispose();
                targets[layer] = targets.TryGetValue(layer, out var sum) ? sum.add(gram) : gram;
            }
        }
        return targets;
    }
}
