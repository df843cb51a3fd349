using TorchSharp;
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

    /// <summary>The step between output positions (1 or 2 here).</summary>
    public int Stride => _stride;

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
    private Tensor Convolve(Tensor input, long rowPadding, long columnPadding)
    {
        var missing = MissingOutputChannels(input);
        if (missing == 0) return Convolve(input, Weight, Bias, rowPadding, columnPadding);
        using var weight = functional.pad(Weight, new long[] { 0, 0, 0, 0, 0, 0, 0, missing });
        using var bias = Bias is { } b ? functional.pad(b, new long[] { 0, missing }) : null;
        using var blocked = Convolve(input, weight, bias, rowPadding, columnPadding);
        return blocked.narrow(1, 0, Weight.shape[0]);
    }

    private Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, long rowPadding, long columnPadding) =>
        functional.conv2d(input, weight, bias: bias, strides: new long[] { _stride, _stride }, padding: new[] { rowPadding, columnPadding });

    /// <summary>
    /// oneDNN's CPU convolution, as the libtorch of TorchSharp 0.107 ships it, gets the gradient with respect to the input
    /// wrong when the output channels are not a multiple of its channel block (16 with AVX-512, 8 with AVX2): 30–90 %
    /// off, or NaN, depending on what the allocator left in the block's padding. Measured against float64 for 16→3 and
    /// 32→3 at 9×9 and 3×3; the forward and the weight gradient are right. It made every gradient below a style
    /// network's output convolution wrong while training. So while that gradient is recorded on the CPU, the weight
    /// gets zero output channels up to a whole block and the extra outputs are cut away again.
    /// </summary>
    private long MissingOutputChannels(Tensor input)
    {
        const long block = 16;
        if (input.device_type != DeviceType.CPU || !input.requires_grad || !is_grad_enabled()) return 0;
        return (block - Weight.shape[0] % block) % block;
    }
}
