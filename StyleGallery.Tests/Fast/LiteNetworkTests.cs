using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Fast;

/// <summary>The lite network's cost against the full one's, and its input/output conventions.</summary>
[Collection(TorchCollection.Name)]
public sealed class LiteNetworkTests
{
    [Fact]
    public void The_full_network_counts_the_multiply_adds_of_its_convolutions_by_hand()
    {
        using var net = new TransformerNet();
        // At 512²: out pixels × C_out × C_in × k² per convolution; a transposed one: in pixels × C_in × C_out × k².
        const long conv1 = 512L * 512 * 32 * 3 * 81;
        const long conv2 = 256L * 256 * 64 * 32 * 9;
        const long conv3 = 128L * 128 * 128 * 64 * 9;
        const long residual = 128L * 128 * 128 * 128 * 9; // ten of them
        const long deconv1 = 128L * 128 * 128 * 64 * 9;
        const long deconv2 = 256L * 256 * 64 * 32 * 9;
        const long conv4 = 512L * 512 * 3 * 32 * 81;

        var layers = MultiplyAdds.Of(net, 512, 512);

        Assert.Equal(16, layers.Count); // 3 encoder, 10 residual, 2 decoder, 1 output convolution
        Assert.Equal(conv1, layers.Single(l => l.Layer == "conv1").MultiplyAdds);
        Assert.Equal(residual, layers.Single(l => l.Layer == "res3.conv2").MultiplyAdds);
        Assert.Equal(deconv2, layers.Single(l => l.Layer == "deconv2").MultiplyAdds);
        Assert.Equal(conv1 + conv2 + conv3 + 10 * residual + deconv1 + deconv2 + conv4, layers.Sum(l => l.MultiplyAdds));
        Assert.Equal(33_067_892_736L, MultiplyAdds.Total(net, 512, 512)); // ~66 GFLOP
    }

    [Theory]
    [InlineData(512, 512)]
    [InlineData(240, 320)]
    public void The_lite_network_needs_at_most_a_quarter_of_the_full_networks_multiply_adds(int height, int width)
    {
        using var full = new TransformerNet();
        using var lite = new TransformerNet(LiteNetwork.Options);

        var ratio = (double)MultiplyAdds.Total(lite, height, width) / MultiplyAdds.Total(full, height, width);

        Assert.InRange(ratio, 0.01, 0.25);
        Assert.Contains(MultiplyAdds.Of(lite, height, width), l => l.Layer == "res5.conv2.pointwise");
    }

    [Fact]
    public void The_lite_network_paints_an_odd_sized_picture_at_its_size_in_the_pixel_range()
    {
        random.manual_seed(3);
        using var lite = new TransformerNet(LiteNetwork.Options);
        lite.eval();
        using var photo = rand(2, 3, 37, 50).mul_(255);
        using var noGrad = no_grad();

        using var picture = lite.forward(photo);

        Assert.Equal(new long[] { 2, 3, 37, 50 }, picture.shape);
        Assert.Equal(ScalarType.Float32, picture.dtype);
        Assert.InRange(picture.min().item<float>(), 0, 255);
        Assert.InRange(picture.max().item<float>(), 0, 255);
        Assert.True(picture.std().item<float>() > 1, "a constant picture");
    }

    [Fact]
    public void Lite_options_survive_the_saved_files_json_and_name_their_architecture()
    {
        Assert.Equal("lite", LiteNetwork.ArchitectureOf(LiteNetwork.Options));
        Assert.Equal("full", LiteNetwork.ArchitectureOf(TransformerNetOptions.Pretrained));
        var json = System.Text.Json.JsonSerializer.Serialize(LiteNetwork.Options);
        Assert.Equal(LiteNetwork.Options, System.Text.Json.JsonSerializer.Deserialize<TransformerNetOptions>(json));
        // A file saved before the lite options existed reads as the five full residual blocks it has.
        var old = System.Text.Json.JsonSerializer.Deserialize<TransformerNetOptions>("""{"Width":1}""")!;
        Assert.Equal((5, FastResidualConvolution.Full), (old.ResidualBlocks, old.ResidualConvolution));
    }
}
