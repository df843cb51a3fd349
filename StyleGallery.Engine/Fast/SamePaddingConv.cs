using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>A bias-free square convolution with TensorFlow "SAME" zero padding (see <see cref="SamePadding"/>).</summary>
public sealed class SamePaddingConv : Module<Tensor, Tensor>
{
    private readonly int _kernel;
    private readonly int _stride;

    public SamePaddingConv(int inChannels, int outChannels, int kernel, int stride) : base(nameof(SamePaddingConv))
    {
        _kernel = kernel;
        _stride = stride;
        var weight = new Parameter(empty(outChannels, inChannels, kernel, kernel));
        init.kaiming_uniform_(weight, Math.Sqrt(5)); // PyTorch's Conv2d default, for training from scratch later
        register_parameter("weight", weight);
    }

    // Looked up by name on every call: Module.to(dtype or device) swaps in new Parameter objects under the
    // registered names, so a field holding the original would be left pointing at a disposed tensor.
    private Tensor Weight => get_parameter("weight") ?? throw new InvalidOperationException("weight is not registered.");

    public override Tensor forward(Tensor input)
    {
        var rows = SamePadding.For(input.shape[2], _kernel, _stride);
        var columns = SamePadding.For(input.shape[3], _kernel, _stride);
        if (rows.IsSymmetric && columns.IsSymmetric) return Convolve(input, rows.Before, columns.Before);
        // TensorFlow's extra row/column after the image cannot be expressed as PyTorch conv padding: pad explicitly.
        using var padded = functional.pad(input, new[] { columns.Before, columns.After, rows.Before, rows.After });
        return Convolve(padded, 0, 0);
    }

    /// <summary>Symmetric zero padding is left to the convolution, which saves a padded copy of the input.</summary>
    private Tensor Convolve(Tensor input, long rowPadding, long columnPadding) =>
        functional.conv2d(input, Weight, bias: null, strides: new long[] { _stride, _stride }, padding: new[] { rowPadding, columnPadding });
}
