using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast.Lite;

/// <summary>
/// A stride-1 k×k convolution factored as in MobileNets (Howard et al. 2017, "MobileNets: Efficient Convolutional Neural
/// Networks for Mobile Vision Applications"): a depthwise k×k convolution (one filter per channel) then a pointwise 1×1
/// convolution across channels, k²·C + C² instead of k²·C² multiply-adds per pixel. Unlike MobileNets there is no
/// normalisation or ReLU between the two (Chollet 2017, Xception, found none better): it is a drop-in for the 3×3
/// convolutions of a residual block, which normalises after it. Bias-free, "SAME" zero padding (symmetric for stride 1
/// and odd k).
/// </summary>
public sealed class DepthwiseSeparableConv : Module<Tensor, Tensor>
{
    private readonly int _kernel;

    public DepthwiseSeparableConv(int channels, int kernel) : base(nameof(DepthwiseSeparableConv))
    {
        if (kernel % 2 == 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The kernel must be odd for symmetric padding.");
        _kernel = kernel;
        var depthwise = new Parameter(empty(channels, 1, kernel, kernel));
        var pointwise = new Parameter(empty(channels, channels, 1, 1));
        init.kaiming_uniform_(depthwise, Math.Sqrt(5)); // PyTorch's Conv2d default
        init.kaiming_uniform_(pointwise, Math.Sqrt(5));
        register_parameter("depthwise", depthwise);
        register_parameter("pointwise", pointwise);
    }

    /// <summary>Channels in and out.</summary>
    public long Channels => Depthwise.shape[0];

    /// <summary>The side of the depthwise filter.</summary>
    public int Kernel => _kernel;

    // Looked up by name on every call: Module.to(dtype or device) swaps in new Parameter objects under the names.
    private Tensor Depthwise => get_parameter("depthwise") ?? throw new InvalidOperationException("depthwise is not registered.");
    private Tensor Pointwise => get_parameter("pointwise") ?? throw new InvalidOperationException("pointwise is not registered.");

    public override Tensor forward(Tensor input)
    {
        var padding = (long)_kernel / 2;
        using var spatial = functional.conv2d(input, Depthwise, padding: [padding, padding], groups: Channels);
        return functional.conv2d(spatial, Pointwise);
    }
}
