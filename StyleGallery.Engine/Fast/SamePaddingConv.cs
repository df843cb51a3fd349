using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>A bias-free square convolution with TensorFlow "SAME" zero padding (see <see cref="SamePadding"/>).</summary>
public sealed class SamePaddingConv : Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly int _kernel;
    private readonly int _stride;

    public SamePaddingConv(int inChannels, int outChannels, int kernel, int stride) : base(nameof(SamePaddingConv))
    {
        _kernel = kernel;
        _stride = stride;
        _weight = new Parameter(empty(outChannels, inChannels, kernel, kernel));
        init.kaiming_uniform_(_weight, Math.Sqrt(5)); // PyTorch's Conv2d default, for training from scratch later
        register_parameter("weight", _weight);
    }

    public override Tensor forward(Tensor input)
    {
        var rows = SamePadding.For(input.shape[2], _kernel, _stride);
        var columns = SamePadding.For(input.shape[3], _kernel, _stride);
        if (rows.IsNone && columns.IsNone) return Convolve(input);
        using var padded = functional.pad(input, new[] { columns.Before, columns.After, rows.Before, rows.After });
        return Convolve(padded);
    }

    private Tensor Convolve(Tensor padded) =>
        functional.conv2d(padded, _weight, bias: null, strides: new long[] { _stride, _stride }, padding: new long[] { 0, 0 });
}
