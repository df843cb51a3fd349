using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>An ordinary forward (each layer's own statistics) that writes down every layer's statistics as it goes.</summary>
internal sealed class StatisticsRecorder : InstanceStatisticsOverride
{
    private readonly List<LayerStatistics> _layers = [];

    public IReadOnlyList<LayerStatistics> Layers => _layers;

    protected override Tensor Normalize(int index, AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias)
    {
        var moments = new MomentAccumulator();
        moments.Add(input);
        _layers.Add(moments.Result());
        return layer.OwnStatistics(input);
    }
}
