using StyleGallery.Engine.Fast;
using StyleGallery.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Fast;

[Collection(TorchCollection.Name)]
public sealed class FastLayerTests
{
    [Fact]
    public void Stride_two_conv_pads_after_only_on_an_even_size()
    {
        using var conv = new SamePaddingConv(1, 1, kernel: 3, stride: 2);
        SetAll(conv, 1f);
        using var noGrad = no_grad();
        using var output = conv.forward(ones(1, 1, 4, 4));
        // Windows over rows/columns 0..2 and 2..4, where index 4 is the single zero row/column after the image.
        // PyTorch's symmetric padding=1 would give [[4,6],[6,9]] instead.
        Assert.Equal(new[] { 9f, 6f, 6f, 4f }, output.data<float>().ToArray());
    }

    [Fact]
    public void A_conv_with_a_bias_adds_it_to_every_output()
    {
        using var conv = new SamePaddingConv(1, 2, kernel: 3, stride: 2, bias: true);
        var parameters = conv.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            parameters["weight"].fill_(1f);
            parameters["bias"].copy_(tensor(new[] { 0.5f, -2f }));
        }
        using var noGrad = no_grad();
        using var output = conv.forward(ones(1, 1, 4, 4));
        Assert.Equal(new[] { 9.5f, 6.5f, 6.5f, 4.5f, 7f, 4f, 4f, 2f }, output.data<float>().ToArray());
    }

    [Fact]
    public void Transposed_conv_keeps_the_first_2h_by_2w()
    {
        using var upsample = new UpsampleConvTranspose(1, 1, kernel: 3);
        SetAll(upsample, 1f);
        using var noGrad = no_grad();
        using var input = tensor(new[] { 1f, 10f }, new long[] { 1, 1, 1, 2 });
        using var output = upsample.forward(input);
        // out[2i + k] += x[i]: columns a, a, a+b, b (b's last tap falls in the cut fifth column); rows likewise.
        Assert.Equal(new long[] { 1, 1, 2, 4 }, output.shape);
        Assert.Equal(new[] { 1f, 1f, 11f, 10f, 1f, 1f, 11f, 10f }, output.contiguous().data<float>().ToArray());
    }

    [Fact]
    public void Instance_norm_uses_biased_variance_and_eps_1e_3()
    {
        using var norm = new AffineInstanceNorm(1, TransformerNetOptions.Pretrained.NormalizationEpsilon);
        var parameters = norm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            parameters["weight"].fill_(2f);
            parameters["bias"].fill_(1f);
        }
        using var noGrad = no_grad();
        using var output = norm.forward(tensor(new[] { 1f, 2f, 3f, 4f }, new long[] { 1, 1, 2, 2 }));
        // mean 2.5, biased variance 1.25: 2 * (x - 2.5) / sqrt(1.251) + 1
        var expected = new[] { -1.6822089f, 0.1059304f, 1.8940696f, 3.6822089f };
        var actual = output.data<float>().ToArray();
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    [Theory]
    [InlineData(37, 51, 40, 52)]
    [InlineData(33, 18, 36, 20)]
    public void Output_is_cropped_back_to_odd_input_sizes(int height, int width, int fullHeight, int fullWidth)
    {
        manual_seed(7);
        using var net = new TransformerNet();
        using var noGrad = no_grad();
        using var input = rand(1, 3, height, width) * 255;
        using var cropped = net.forward(input);
        var activations = net.ForwardWithActivations(input);
        var full = activations[TransformerNet.OutputName];
        Assert.Equal(new long[] { 1, 3, height, width }, cropped.shape);
        Assert.Equal(new long[] { 1, 3, fullHeight, fullWidth }, full.shape); // 4 * ceil(ceil(n/2)/2)
        using var topLeft = full.narrow(2, 0, height).narrow(3, 0, width);
        Assert.True(topLeft.allclose(cropped, rtol: 0, atol: 1e-4), "the crop must be the top-left corner of the full output");
        foreach (var t in activations.Values) t.Dispose();
    }

    private static void SetAll(nn.Module module, float value)
    {
        using var noGrad = no_grad();
        foreach (Parameter p in module.parameters()) p.fill_(value);
    }
}
