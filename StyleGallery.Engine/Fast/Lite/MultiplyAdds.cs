using System.Text;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast.Lite;

/// <summary>One convolution's share of a forward pass.</summary>
/// <param name="Layer">Its name in the network's state (e.g. <c>res1.conv2</c>).</param>
/// <param name="Output">Its output's channels, rows and columns.</param>
public sealed record LayerMultiplyAdds(string Layer, (long Channels, long Height, long Width) Output, long MultiplyAdds);

/// <summary>
/// Counts the multiply-adds of a <see cref="TransformerNet"/> forward pass for one image by walking its layers in order
/// (registration order is execution order) and tracking the picture's size; only convolutions count (normalisation,
/// ReLU and tanh are a few operations per element, under 1 % here). A transposed convolution counts each input pixel
/// times its kernel (k²·C_out per input element), as it is computed, before the crop.
/// </summary>
public static class MultiplyAdds
{
    /// <summary>Every convolution of <paramref name="net"/> on a <paramref name="height"/>×<paramref name="width"/> image.</summary>
    public static IReadOnlyList<LayerMultiplyAdds> Of(TransformerNet net, long height, long width)
    {
        var layers = new List<LayerMultiplyAdds>();
        var size = (Channels: 3L, Height: height, Width: width);
        foreach (var (name, module) in Children(net)) size = Walk(name, module, size, layers);
        return layers;
    }

    /// <summary>The sum over <see cref="Of"/>.</summary>
    public static long Total(TransformerNet net, long height, long width) => Of(net, height, width).Sum(l => l.MultiplyAdds);

    /// <summary>One line per layer and the total, in millions, for the bench and the docs.</summary>
    public static string Table(TransformerNet net, long height, long width)
    {
        var text = new StringBuilder();
        var layers = Of(net, height, width);
        foreach (var l in layers)
            text.AppendLine(FormattableString.Invariant($"{l.Layer,-20} {l.Output.Channels,4}x{l.Output.Height}x{l.Output.Width,-6} {l.MultiplyAdds / 1e6,10:F1} M"));
        text.AppendLine(FormattableString.Invariant($"{"total",-20} {"",-14} {layers.Sum(l => l.MultiplyAdds) / 1e6,10:F1} M"));
        return text.ToString();
    }

    private static (long Channels, long Height, long Width) Walk(string name, Module module, (long Channels, long Height, long Width) input, List<LayerMultiplyAdds> layers)
    {
        switch (module)
        {
            case SamePaddingConv conv:
                return Add(layers, name, Convolution(Weight(conv), input, conv.Stride));
            case DepthwiseSeparableConv separable:
                var depthwise = Add(layers, name + ".depthwise", Convolution(separable.get_parameter("depthwise")!, input, stride: 1));
                return Add(layers, name + ".pointwise", Convolution(separable.get_parameter("pointwise")!, depthwise, stride: 1));
            case UpsampleConvTranspose transposed:
                return Add(layers, name, Transposed(Weight(transposed), input));
            case ResidualBlock or UpsampleResizeConv:
                var size = module is UpsampleResizeConv ? (input.Channels, input.Height * 2, input.Width * 2) : input;
                foreach (var (child, inner) in Children(module)) size = Walk($"{name}.{child}", inner, size, layers);
                return size;
            default:
                return input; // normalisation: no convolution
        }
    }

    /// <summary>
    /// Each child once, under its first name: TorchSharp also lists a child under the name of the field that holds it
    /// (<c>_conv1</c> beside the registered <c>conv1</c>).
    /// </summary>
    private static IEnumerable<(string Name, Module Module)> Children(Module module)
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        foreach (var (name, child) in module.named_children())
        {
            if (seen.Add(child)) yield return (name, child);
        }
    }

    private static Tensor Weight(Module module) => module.get_parameter("weight") ?? throw new InvalidOperationException($"{module.GetName()} has no weight.");

    /// <summary>out = ceil(n/s) ("SAME"); per output element C_in/groups · k² multiply-adds (weight [C_out, C_in/groups, k, k]).</summary>
    private static ((long, long, long) Output, long MultiplyAdds) Convolution(Tensor weight, (long Channels, long Height, long Width) input, int stride)
    {
        var output = (weight.shape[0], (input.Height + stride - 1) / stride, (input.Width + stride - 1) / stride);
        return (output, output.Item1 * output.Item2 * output.Item3 * weight.shape[1] * weight.shape[2] * weight.shape[3]);
    }

    /// <summary>Weight [C_in, C_out, k, k]: each input element meets C_out · k² weights; the output doubles each side.</summary>
    private static ((long, long, long) Output, long MultiplyAdds) Transposed(Tensor weight, (long Channels, long Height, long Width) input) =>
        ((weight.shape[1], input.Height * 2, input.Width * 2), input.Channels * input.Height * input.Width * weight.shape[1] * weight.shape[2] * weight.shape[3]);

    private static (long, long, long) Add(List<LayerMultiplyAdds> layers, string name, ((long C, long H, long W) Output, long MultiplyAdds) layer)
    {
        layers.Add(new LayerMultiplyAdds(name, layer.Output, layer.MultiplyAdds));
        return layer.Output;
    }
}
