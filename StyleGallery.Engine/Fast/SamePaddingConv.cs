using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// A square convolution with TensorFlow "SAME" zero padding (see <see cref="SamePadding"/>); bias-free unless asked,
/// since a normalisation follows it everywhere but at the output of a network without output normalisation.
/// </summary>
public sealed class SamePaddingConv : Module<Tensor, Tensor>
{
    private readonly int _kernel;
    private readonly int _stride;

    public SamePaddingConv(int inChannels, int outChannels, int kernel, int stride, bool bias = false) : base(nameof(SamePaddingConv))
    {
        _kernel = kernel;
        _stride = stride;
        var weight = new Parameter(empty(outChannels, inChannels, kernel, kernel));
        init.kaiming_uniform_(weight, Math.Sqrt(5)); // PyTorch's Conv2d default, for training from scratch later
        register_parameter("weight", weight);
        if (!bias) return;
        var bound = 1 / Math.Sqrt(inChannels * kernel * kernel); // PyTorch's Conv2d bias default
        register_parameter("bias", new Parameter(empty(outChannels).uniform_(-bound, bound)));
    }

    // Looked up by name on every call: Module.to(dtype or device) swaps in new Parameter objects under the
    // registered names, so a field holding the original would be left pointing at a disposed tensor.
    private Tensor Weight => get_parameter("weight") ?? throw new InvalidOperationException("weight is not registered.");
    private Tensor? Bias => get_parameter("bias");

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
        functional.conv2d(input, Weight, bias: Bias, strides: new long[] { _stride, _stride }, padding: new[] { rowPadding, columnPadding });
}
