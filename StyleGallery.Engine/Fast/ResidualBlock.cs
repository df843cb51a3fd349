using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// x + norm2(conv2(relu(norm1(conv1(x))))), 3x3 convolutions. As in the pretrained networks and unlike
/// Johnson et al.'s supplementary material, there is no ReLU after the sum. The convolutions are full 3x3 ones unless
/// <c>convolution</c> makes others (the lite networks' depthwise-separable ones).
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> _conv1;
    private readonly Module<Tensor, Tensor> _norm1;
    private readonly Module<Tensor, Tensor> _conv2;
    private readonly Module<Tensor, Tensor> _norm2;

    public ResidualBlock(int channels, Func<int, Module<Tensor, Tensor>> normalization, Func<int, Module<Tensor, Tensor>>? convolution = null)
        : base(nameof(ResidualBlock))
    {
        convolution ??= c => new SamePaddingConv(c, c, kernel: 3, stride: 1);
        _conv1 = convolution(channels);
        _norm1 = normalization(channels);
        _conv2 = convolution(channels);
        _norm2 = normalization(channels);
        register_module("conv1", _conv1);
        register_module("in1", _norm1);
        register_module("conv2", _conv2);
        register_module("in2", _norm2);
    }

    public override Tensor forward(Tensor input)
    {
        var hidden = LeanOps.ReluConsuming(Normalize(_norm1, _conv1.forward(input)));
        var residual = Normalize(_norm2, ConvolveConsuming(_conv2, hidden));
        return LeanOps.AddConsuming(residual, input);
    }

    private static Tensor ConvolveConsuming(Module<Tensor, Tensor> conv, Tensor x)
    {
        using (x) return conv.forward(x);
    }

    private static Tensor Normalize(Module<Tensor, Tensor> norm, Tensor x)
    {
        using (x) return norm.forward(x);
    }
}
