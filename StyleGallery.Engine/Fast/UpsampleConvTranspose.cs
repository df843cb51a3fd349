using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The pretrained networks' 2x up-sampling: TensorFlow's conv2d_transpose with stride 2 and "SAME" padding,
/// i.e. out[2i + k] += x[i] * W[k]. That equals PyTorch's ConvTranspose2d(stride 2, padding 0), whose output is
/// (2H+1) x (2W+1) for a 3x3 kernel, cut to its first 2H x 2W. Johnson et al. use fractionally strided convolutions
/// the same way; no bias.
/// </summary>
public sealed class UpsampleConvTranspose : Module<Tensor, Tensor>
{
    private const int Stride = 2;

    public UpsampleConvTranspose(int inChannels, int outChannels, int kernel) : base(nameof(UpsampleConvTranspose))
    {
        var weight = new Parameter(empty(inChannels, outChannels, kernel, kernel));
        init.kaiming_uniform_(weight, Math.Sqrt(5));
        register_parameter("weight", weight);
    }

    // Looked up by name on every call: Module.to(dtype or device) swaps in new Parameter objects under the
    // registered names, so a field holding the original would be left pointing at a disposed tensor.
    private Tensor Weight => get_parameter("weight") ?? throw new InvalidOperationException("weight is not registered.");

    public override Tensor forward(Tensor input)
    {
        var (height, width) = (input.shape[2] * Stride, input.shape[3] * Stride);
        using var full = functional.conv_transpose2d(input, Weight, bias: null, strides: new long[] { Stride, Stride });
        using var rows = full.narrow(2, 0, height);
        return rows.narrow(3, 0, width);
    }
}
