using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Per-channel count, mean and sum of squared deviations of one layer's input, gathered region by region: each region's
/// own mean and variance (float32, as libtorch computes them) are merged in float64 by Chan, Golub &amp; LeVeque's
/// pairwise update, so neither a large picture's sum of squares nor its cancellation is an issue.
/// </summary>
internal sealed class MomentAccumulator
{
    private double[]? _mean;
    private double[]? _squares;
    private long _count;

    /// <summary>Adds a [1,C,h,w] region (any dtype; never modified).</summary>
    public void Add(Tensor region)
    {
        using var scope = NewDisposeScope();
        var wide = region.dtype == ScalarType.Float32 ? region : region.to(ScalarType.Float32);
        var (variance, mean) = var_mean(wide, [0, 2, 3], unbiased: false);
        var n = region.shape[2] * region.shape[3];
        Merge(n, mean.to(ScalarType.Float64).data<double>().ToArray(), variance.to(ScalarType.Float64).data<double>().ToArray());
    }

    public LayerStatistics Result()
    {
        if (_mean is null || _squares is null || _count == 0) throw new InvalidOperationException("No region was added.");
        return new LayerStatistics((double[])_mean.Clone(), _squares.Select(s => s / _count).ToArray());
    }

    private void Merge(long n, double[] mean, double[] variance)
    {
        if (n == 0) return;
        _mean ??= new double[mean.Length];
        _squares ??= new double[mean.Length];
        var total = _count + n;
        for (var c = 0; c < mean.Length; c++)
        {
            var delta = mean[c] - _mean[c];
            _squares[c] += variance[c] * n + delta * delta * _count * n / total;
            _mean[c] += delta * n / total;
        }
        _count = total;
    }
}
