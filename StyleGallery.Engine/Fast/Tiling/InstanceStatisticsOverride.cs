using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Replaces the statistics of every <see cref="AffineInstanceNorm"/> run on this thread while it is in force (see
/// <see cref="Use"/>). Ambient rather than a field of the network because networks are shared between callers and
/// torch work is synchronous on one thread; the layers are told apart by the order in which a forward reaches them,
/// which is fixed.
/// </summary>
internal abstract class InstanceStatisticsOverride
{
    [ThreadStatic]
    private static InstanceStatisticsOverride? _current;

    /// <summary>The override in force on this thread, or null (each layer uses its input's own statistics).</summary>
    public static InstanceStatisticsOverride? Current => _current;

    /// <summary>Index of the next layer a forward will reach; <see cref="BeginForward"/> sets it back to 0.</summary>
    protected int Layer { get; private set; }

    /// <summary>Puts <paramref name="statistics"/> in force until the result is disposed.</summary>
    public static IDisposable Use(InstanceStatisticsOverride statistics)
    {
        var previous = _current;
        _current = statistics;
        return new Restore(previous);
    }

    /// <summary>Call before each forward pass.</summary>
    public void BeginForward() => Layer = 0;

    /// <summary>The layer's output for <paramref name="input"/>; a new tensor (the caller disposes the input).</summary>
    public Tensor Normalize(AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias)
    {
        var index = Layer++;
        return Normalize(index, layer, input, weight, bias);
    }

    protected abstract Tensor Normalize(int index, AffineInstanceNorm layer, Tensor input, Tensor weight, Tensor bias);

    /// <summary>weight · (x − mean) / √(var + ε) + bias with given statistics, as one multiply-add per element.</summary>
    protected static Tensor Apply(LayerStatistics statistics, Tensor input, Tensor weight, Tensor bias, double epsilon)
    {
        if (statistics.Channels != input.shape[1])
            throw new InvalidOperationException($"Statistics for {statistics.Channels} channels, a layer with {input.shape[1]}.");
        using var scope = NewDisposeScope();
        using var std = tensor(statistics.Variance.Select(v => Math.Sqrt(v + epsilon)).ToArray());
        using var mean = tensor(statistics.Mean);
        var scale = weight.to(ScalarType.Float64).div(std);
        var shift = bias.to(ScalarType.Float64).sub(mean.mul(scale));
        var shape = new long[] { 1, statistics.Channels, 1, 1 };
        var result = input.mul(scale.to(input.dtype).reshape(shape)).add_(shift.to(input.dtype).reshape(shape));
        return result.MoveToOuterDisposeScope();
    }

    private sealed class Restore(InstanceStatisticsOverride? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
