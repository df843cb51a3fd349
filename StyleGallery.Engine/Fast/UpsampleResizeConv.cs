using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// 2x up-sampling as nearest-neighbour resize followed by a stride-1 "SAME" convolution (Odena, Dumoulin &amp; Olah 2016,
/// "Deconvolution and Checkerboard Artifacts"), instead of Johnson et al.'s fractionally strided convolution whose
/// uneven kernel overlap paints a checkerboard. No bias, like every other convolution of the network.
/// </summary>
public sealed class UpsampleResizeConv : Module<Tensor, Tensor>
{
    private readonly SamePaddingConv _conv;

    public UpsampleResizeConv(int inChannels, int outChannels, int kernel) : base(nameof(UpsampleResizeConv))
    {
        _conv = new SamePaddingConv(inChannels, outChannels, kernel, stride: 1);
        register_module("conv", _conv);
    }

    public override Tensor forward(Tensor input)
    {
        using var larger = functional.interpolate(input, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
        return _conv.forward(larger);
    }
}
