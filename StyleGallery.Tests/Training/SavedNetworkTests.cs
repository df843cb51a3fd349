using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class SavedNetworkTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sg-saved-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(FastNormalization.Instance, FastWidth.Full, false)]
    [InlineData(FastNormalization.Batch, FastWidth.Half, false)]
    [InlineData(FastNormalization.Instance, FastWidth.Half, true)]
    public void A_saved_network_reloads_and_gives_the_same_output(FastNormalization normalization, FastWidth width, bool outputNormalization)
    {
        var options = TrainingFixture.Tiny with { Normalization = normalization, Width = width, OutputNormalization = outputNormalization };
        random.manual_seed(3);
        using var net = new TransformerNet(options.NetworkOptions);
        using var photo = rand(2, 3, 24, 28).mul(255);
        using (no_grad()) net.forward(photo).Dispose(); // moves batch norm's running statistics away from 0/1
        net.eval();
        using var expected = Forward(net, photo);

        var path = Path.Combine(_folder, "net.safetensors");
        TrainedStyleFile.Save(path, net, new TrainedStyleInfo("x.jpg", net.Options, options, "layers", 0, []));
        using var reloaded = TrainedStyleFile.LoadNetwork(path);
        using var actual = Forward(reloaded, photo);
        Assert.True(actual.equal(expected).all().item<bool>(), "the reloaded network must compute exactly the same pixels");
    }

    [Fact]
    public void Without_output_normalisation_the_last_convolution_has_a_bias_instead()
    {
        using var trained = new TransformerNet(new TrainingOptions().NetworkOptions);
        var names = trained.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("conv4.bias", names);
        Assert.DoesNotContain(names, name => name.StartsWith("in6.", StringComparison.Ordinal));
        // The pretrained layout's 1,677,638 less in6's scale and shift (3 + 3), plus the 3 biases.
        Assert.Equal(1_677_638 - 6 + 3, trained.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Half_width_has_a_quarter_of_the_convolution_weights()
    {
        using var full = new TransformerNet(new TransformerNetOptions { Upsampling = FastUpsampling.ResizeConvolution });
        using var half = new TransformerNet(new TransformerNetOptions { Upsampling = FastUpsampling.ResizeConvolution, Width = FastWidth.Half });
        // 1,677,638 parameters in the pretrained network (../shared README); the 3-channel ends scale by 1/2, the rest by 1/4.
        Assert.Equal(1_677_638, full.parameters().Sum(p => p.numel()));
        var ratio = (double)half.parameters().Sum(p => p.numel()) / full.parameters().Sum(p => p.numel());
        Assert.InRange(ratio, 0.25, 0.27);
    }

    [Fact]
    public void A_file_that_is_not_a_trained_network_is_refused()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "other.safetensors");
        using var t = zeros(2);
        Engine.Models.SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["x"] = t });
        var error = Assert.Throws<InvalidCheckpointException>(() => TrainedStyleFile.LoadNetwork(path));
        Assert.Contains("not a network trained by StyleGallery", error.Message);
    }

    private static Tensor Forward(TransformerNet net, Tensor photo)
    {
        using var noGrad = no_grad();
        return net.forward(photo);
    }
}
