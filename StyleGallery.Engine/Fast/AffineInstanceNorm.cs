using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Affine instance normalisation (Ulyanov, Vedaldi &amp; Lempitsky 2016): per sample and channel,
/// weight * (x - mean) / sqrt(var + eps) + bias, with the biased variance over H x W and no running statistics.
/// While a <see cref="Tiling.InstanceStatisticsOverride"/> is in force on the calling thread (tiled painting), the mean
/// and variance are whatever it says: those of the whole picture, not of the tile.
/// </summary>
public sealed class AffineInstanceNorm : Module<Tensor, Tensor>
{
    private readonly double _epsilon;

    public AffineInstanceNorm(int channels, double epsilon) : base(nameof(AffineInstanceNorm))
    {
        _epsilon = epsilon;
        var weight = new Parameter(ones(channels));
        var bias = new Parameter(zeros(channels));
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    // Looked up by name on every call: Module.to(dtype or device) swaps in new Parameter objects under the
    // registered names, so a field holding the original would be left pointing at a disposed tensor.
    private Tensor Weight => get_parameter("weight") ?? throw new InvalidOperationException("weight is not registered.");
    private Tensor Bias => get_parameter("bias") ?? throw new InvalidOperationException("bias is not registered.");

    internal double Epsilon => _epsilon;

    public override Tensor forward(Tensor input) =>
        Tiling.InstanceStatisticsOverride.Current is { } statistics
            ? statistics.Normalize(this, input, Weight, Bias)
            : OwnStatistics(input);

    /// <summary>The layer as Ulyanov et al. define it: the input's own mean and variance.</summary>
    internal Tensor OwnStatistics(Tensor input) =>
        functional.instance_norm(input, weight: Weight, bias: Bias, use_input_stats: true, eps: _epsilon);
}
