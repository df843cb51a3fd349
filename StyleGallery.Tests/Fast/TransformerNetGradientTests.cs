using StyleGallery.Engine.Fast;
using StyleGallery.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Tests.Fast;

/// <summary>
/// Training needs the gradient of every weight, and the CPU convolution's own backward is not to be trusted for every
/// shape (see <see cref="SamePaddingConv"/>): float32 gradients are checked against float64 ones of the same network.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerNetGradientTests
{
    [Fact]
    public void A_conv_to_three_channels_passes_the_right_gradient_to_its_input()
    {
        manual_seed(3);
        using var conv = new SamePaddingConv(16, 3, kernel: 9, stride: 1, bias: true);
        using var input = randn(2, 16, 32, 32).requires_grad_(true);
        using var upstream = randn(2, 3, 32, 32);
        using var output = conv.forward(input);
        autograd.backward([output], [upstream]);

        // The adjoint of a stride-1 convolution with padding 4 is the transposed convolution with the same weight.
        var weight = conv.named_parameters().Single(p => p.name == "weight").parameter;
        using var expected = functional.conv_transpose2d(upstream.to(ScalarType.Float64), weight.detach().to(ScalarType.Float64), padding: [4, 4]);
        Assert.True(RelativeError(input.grad!, expected) < 1e-5, $"relative error {RelativeError(input.grad!, expected):G3}");
    }

    [Theory]
    [InlineData(FastNormalization.Instance, FastUpsampling.TransposedConvolution, false)]
    [InlineData(FastNormalization.Instance, FastUpsampling.ResizeConvolution, false)]
    [InlineData(FastNormalization.Instance, FastUpsampling.TransposedConvolution, true)]
    [InlineData(FastNormalization.Batch, FastUpsampling.ResizeConvolution, false)]
    public void Every_weight_gets_the_gradient_float64_gives(FastNormalization normalization, FastUpsampling upsampling, bool outputNormalization)
    {
        var options = new TransformerNetOptions
        {
            Normalization = normalization, Upsampling = upsampling, Width = FastWidth.Half, OutputNormalization = outputNormalization,
        };
        manual_seed(8);
        using var single = new TransformerNet(options);
        using var wide = new TransformerNet(options);
        using (no_grad())
            foreach (var (name, p) in wide.named_parameters()) p.copy_(single.get_parameter(name)!);
        wide.to(ScalarType.Float64);
        using var photos = rand(2, 3, 32, 32).mul_(255);
        using var upstream = randn(2, 3, 32, 32);

        var singleGradients = Gradients(single, photos, upstream);
        var wideGradients = Gradients(wide, photos.to(ScalarType.Float64), upstream.to(ScalarType.Float64));

        // Most weights agree to 1e-5. A ReLU whose input sits within float32 rounding of zero can switch sides and move
        // the gradients below it by a few per cent (seen: up to 3.7 % with other seeds); the convolution's bug moved
        // every gradient below the output layer by 15–35 %.
        foreach (var (name, gradient) in singleGradients)
            Assert.True(RelativeError(gradient, wideGradients[name]) < 5e-2, $"{name}: relative error {RelativeError(gradient, wideGradients[name]):G3}");
    }

    /// <summary>d(Σ output·upstream)/d(weight) for every weight, detached.</summary>
    private static Dictionary<string, Tensor> Gradients(TransformerNet net, Tensor photos, Tensor upstream)
    {
        net.train();
        using var output = net.forward(photos);
        using var projection = output.to(upstream.dtype).mul(upstream).sum();
        projection.backward();
        return net.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().to(ScalarType.Float64));
    }

    private static double RelativeError(Tensor actual, Tensor expected)
    {
        using var difference = actual.to(ScalarType.Float64).sub(expected).abs().max();
        using var scale = expected.abs().max();
        return difference.item<double>() / scale.item<double>();
    }
}
