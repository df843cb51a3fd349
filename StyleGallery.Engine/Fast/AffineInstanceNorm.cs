using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Affine instance normalisation (Ulyanov, Vedaldi &amp; Lempitsky 2016): per sample and channel,
/// weight * (x - mean) / sqrt(var + eps) + bias, with the biased variance over H x W and no running statistics.
/// </summary>
public sealed class AffineInstanceNorm : Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly double _epsilon;

    public AffineInstanceNorm(int channels, double epsilon) : base(nameof(AffineInstanceNorm))
    {
        _epsilon = epsilon;
        _weight = new Parameter(ones(channels));
        _bias = new Parameter(zeros(channels));
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
    }

    public override Tensor forward(Tensor input) =>
        functional.instance_norm(input, weight: _weight, bias: _bias, use_input_stats: true, eps: _epsilon);
}
