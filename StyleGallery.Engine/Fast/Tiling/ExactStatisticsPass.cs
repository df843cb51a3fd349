using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// One streaming pass of <see cref="TileStatistics.Exact"/>: the layers before <paramref name="target"/> use the whole
/// picture's statistics already found (<paramref name="known"/>); at layer <paramref name="target"/> the tile's core
/// region is added to <see cref="Moments"/> and the forward stops (<see cref="ForwardStopped"/>): nothing after it is needed.
/// </summary>
internal sealed class ExactStatisticsPass(IReadOnlyList<LayerStatistics> known, int target) : InstanceStatisticsOverride
{
    public MomentAccumulator Moments { get; } = new();

    /// <summary>The tile whose core the next forward adds; set before each forward.</summary>
    public Tile? Tile { get; set; }

    protected override Tensor Normalize(int index, AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias)
    {
        if (index < target) return Apply(known[index], input, weight, bias, layer.Epsilon);
        var tile = Tile ?? throw new InvalidOperationException("No tile is set.");
        using (var core = CoreRegion.Of(input, tile)) Moments.Add(core);
        throw new ForwardStopped();
    }
}

/// <summary>Thrown by <see cref="ExactStatisticsPass"/> once the layer it gathers has been reached; the pass catches it.</summary>
internal sealed class ForwardStopped : Exception
{
    public ForwardStopped() : base("The forward pass stopped at the layer being gathered.")
    {
    }
}
