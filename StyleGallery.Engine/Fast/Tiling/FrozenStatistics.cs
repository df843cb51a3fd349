using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>Every layer normalises by the whole picture's statistics, given in the order a forward reaches the layers.</summary>
internal sealed class FrozenStatistics(IReadOnlyList<LayerStatistics> layers) : InstanceStatisticsOverride
{
    protected override Tensor Normalize(int index, AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias)
    {
        if (index >= layers.Count) throw new InvalidOperationException($"Statistics for {layers.Count} layers; the network has more.");
        return Apply(layers[index], input, weight, bias, layer.Epsilon);
    }
}
