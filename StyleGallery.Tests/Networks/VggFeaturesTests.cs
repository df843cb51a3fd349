using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Networks;

[Collection(TorchCollection.Name)]
public sealed class VggFeaturesTests
{
    private static readonly string Vgg19Path = SharedData.Vgg("vgg19-imagenet.safetensors");
    private static readonly string Vgg16Path = SharedData.Vgg("vgg16-imagenet-to-conv3_3.safetensors");

    [Fact]
    public void Vgg19_matches_every_golden_activation()
    {
        using var scope = NewDisposeScope();
        var golden = SafeTensorsFile.Load(SharedData.Golden("vgg19_hybrid_small_golden.safetensors"));
        var taps = golden.Keys.Where(k => k != "input").ToList();
        using var net = VggFeatures.Load(Vgg19Path, VggArchitecture.Vgg19, VggWeightConventions.Caffe, taps);

        var outputs = Forward(net, golden["input"].unsqueeze(0));

        Assert.Equal(10, taps.Count);
        foreach (var tap in taps) AssertClose(golden[tap], outputs[tap][0], tap, 1e-4);
    }

    [Fact]
    public void A_bfloat16_network_returns_float32_taps_close_to_the_float32_ones_and_a_matching_gradient()
    {
        using var scope = NewDisposeScope();
        string[] taps = ["relu1_1", "relu3_1", "relu5_1"];
        using var exact = VggFeatures.Load(Vgg19Path, VggArchitecture.Vgg19, VggWeightConventions.Caffe, taps);
        using var fast = VggFeatures.Load(Vgg19Path, VggArchitecture.Vgg19, VggWeightConventions.Caffe, taps, computeType: ScalarType.BFloat16);
        var image = TestImage(48, 64);

        var (expected, expectedGradient) = TapsAndGradient(exact, image);
        var (actual, actualGradient) = TapsAndGradient(fast, image);

        Assert.Equal(ScalarType.BFloat16, fast.ComputeType);
        Assert.All(fast.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        foreach (var tap in taps)
        {
            Assert.Equal(ScalarType.Float32, actual[tap].dtype);
            // 8 mantissa bits: each rounding is ≤ 0.4 %; through 13 layers the errors stay a few percent of the range.
            AssertClose(expected[tap], actual[tap], tap, 0.05);
        }
        var cosine = expectedGradient.flatten().dot(actualGradient.flatten()).item<float>()
            / (expectedGradient.norm().item<float>() * actualGradient.norm().item<float>());
        Assert.True(cosine > 0.99, $"the bfloat16 gradient points elsewhere (cosine {cosine})");
    }

    [Fact]
    public void Only_float32_and_bfloat16_are_offered()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu1_1"], computeType: ScalarType.Float16));
        Assert.Contains("Float16", error.Message);
    }

    [Fact]
    public void Torchvision_layout_with_folded_preprocessing_gives_the_same_activations()
    {
        using var scope = NewDisposeScope();
        // The Caffe mean expressed on torchvision's 0..1 scale makes zero padding coincide in both conventions, so
        // the converted network must agree everywhere, borders included.
        var conventions = VggWeightConventions.Torchvision with { Mean = VggWeightConventions.Caffe.Mean.Select(m => m / 255f).ToArray() };
        var path = WriteTorchvisionCopy(Vgg16Path, VggArchitecture.Vgg16, conventions, "relu3_3");
        try
        {
            string[] taps = ["relu1_1", "conv2_2", "pool2", "relu3_3"];
            using var caffe = VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, taps);
            using var torchvision = VggFeatures.Load(path, VggArchitecture.Vgg16, conventions, taps);
            var image = TestImage(40, 56);

            var expected = Forward(caffe, image);
            var actual = Forward(torchvision, image);

            foreach (var tap in taps) AssertClose(expected[tap], actual[tap], tap, 1e-4);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Standard_torchvision_statistics_agree_away_from_the_zero_padded_border()
    {
        using var scope = NewDisposeScope();
        var path = WriteTorchvisionCopy(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Torchvision, "relu1_1");
        try
        {
            using var caffe = VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu1_1"]);
            using var torchvision = VggFeatures.Load(path, VggArchitecture.Vgg16, VggWeightConventions.Torchvision, ["relu1_1"]);
            var image = TestImage(24, 32);

            var expected = Forward(caffe, image)["relu1_1"];
            var actual = Forward(torchvision, image)["relu1_1"];

            var inner = (Tensor t) => t[.., .., 1..^1, 1..^1];
            AssertClose(inner(expected), inner(actual), "relu1_1 interior", 1e-4);
            Assert.True(expected.sub(actual).abs().max().item<float>() > 1e-3f, "the borders should differ: the padding means different pixels");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_layer_beyond_the_partial_vgg16_file_is_refused_with_the_reason()
    {
        var error = Assert.Throws<MissingVggLayerException>(() =>
            VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu1_2", "relu4_3"]));

        Assert.Equal("Vgg16 weights 'vgg16-imagenet-to-conv3_3.safetensors' have no conv4_3 (they stop at conv3_3); "
            + "choose layers up to relu3_3 or install full weights.", error.Message);
    }

    [Fact]
    public void The_partial_vgg16_file_serves_layers_up_to_relu3_3()
    {
        using var scope = NewDisposeScope();
        using var net = VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu3_3", "pool3"]);

        var outputs = Forward(net, TestImage(32, 48));

        Assert.Equal([1L, 256, 8, 12], outputs["relu3_3"].shape);
        Assert.Equal([1L, 256, 4, 6], outputs["pool3"].shape);
    }

    [Fact]
    public void The_network_is_truncated_at_the_deepest_tap_and_frozen()
    {
        using var net = VggFeatures.Load(Vgg19Path, VggArchitecture.Vgg19, VggWeightConventions.Caffe, ["relu2_1", "relu1_1"]);

        var names = net.named_parameters().Select(p => p.name).ToList();

        Assert.Equal(["conv1_1.weight", "conv1_1.bias", "conv1_2.weight", "conv1_2.bias", "conv2_1.weight", "conv2_1.bias"], names);
        Assert.All(net.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(net.training);
    }

    [Fact]
    public void A_name_the_architecture_lacks_is_rejected()
    {
        var error = Assert.Throws<UnknownVggLayerException>(() =>
            VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu3_4"]));
        Assert.Contains("relu3_4", error.Message);
    }

    [Fact]
    public void Pooling_floors_odd_sizes_and_average_pooling_averages_each_two_by_two_cell()
    {
        using var scope = NewDisposeScope();
        using var maxNet = VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu1_2", "pool1"]);
        using var avgNet = VggFeatures.Load(Vgg16Path, VggArchitecture.Vgg16, VggWeightConventions.Caffe, ["relu1_2", "pool1"], VggPooling.Average);
        var image = TestImage(9, 11);

        var max = Forward(maxNet, image);
        var avg = Forward(avgNet, image);

        Assert.Equal([1L, 64, 4, 5], max["pool1"].shape);
        var relu = avg["relu1_2"];
        var cell = relu[.., .., 2..4, 6..8];
        Assert.Equal(cell.mean().item<float>(), avg["pool1"][.., .., 1, 3].mean().item<float>() * 1f, 3);
        Assert.Equal(cell.amax([2, 3]).sum().item<float>(), max["pool1"][.., .., 1, 3].sum().item<float>(), 2);
        Assert.Equal(relu[0, 5, 2, 6].item<float>() + relu[0, 5, 2, 7].item<float>() + relu[0, 5, 3, 6].item<float>() + relu[0, 5, 3, 7].item<float>(),
            4 * avg["pool1"][0, 5, 1, 3].item<float>(), 2);
    }

    private static Dictionary<string, Tensor> Forward(VggFeatures net, Tensor image)
    {
        using (no_grad()) return net.forward(image);
    }

    /// <summary>The taps and the gradient of Σ_tap mean(tap²) with respect to the image.</summary>
    private static (Dictionary<string, Tensor> Taps, Tensor Gradient) TapsAndGradient(VggFeatures net, Tensor image)
    {
        var leaf = image.detach().requires_grad_(true);
        var taps = net.forward(leaf);
        taps.Values.Select(t => t.square().mean()).Aggregate((a, b) => a.add(b)).backward();
        return (taps.ToDictionary(p => p.Key, p => p.Value.detach()), leaf.grad!);
    }

    private static Tensor TestImage(int height, int width)
    {
        var generator = new Generator(7);
        return rand([1, 3, height, width], generator: generator).mul(255f);
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what, double relativeTolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = expected.abs().max().item<float>();
        var error = expected.sub(actual).abs().max().item<float>();
        Assert.True(error <= relativeTolerance * scale, $"{what}: max error {error} exceeds {relativeTolerance} × {scale}");
    }

    /// <summary>
    /// Writes the Caffe weights as a torchvision file: renamed to features.N and with the preprocessing folded in.
    /// Caffe computes W·(x − m_c); torchvision W′·((x/255 − m_t)/s_t). With W′ = W·255·s_t per input channel
    /// the latter is W·(x − m_c) + W·(m_c − 255·m_t), so the bias loses Σ W·(m_c − 255·m_t) over input channels and taps.
    /// </summary>
    private static string WriteTorchvisionCopy(string caffePath, VggArchitecture architecture, VggWeightConventions target, string upTo)
    {
        var caffe = VggWeightFile.Open(caffePath, architecture, VggWeightConventions.Caffe);
        var deepest = VggLayout.Find(architecture, upTo).TorchvisionIndex;
        var tensors = new Dictionary<string, Tensor>();
        foreach (var conv in caffe.AvailableConvs.Where(c => c.TorchvisionIndex <= deepest))
        {
            var weight = caffe.Read(conv, "weight");
            var bias = caffe.Read(conv, "bias");
            if (conv.Name == "conv1_1")
            {
                var std = tensor(target.Std).reshape(1, 3, 1, 1);
                var meanGap = tensor(VggWeightConventions.Caffe.Mean).sub(tensor(target.Mean).mul(255f)).reshape(1, 3, 1, 1);
                bias = bias.sub(weight.mul(meanGap).sum([1, 2, 3]));
                weight = weight.mul(std).mul(255f);
            }
            tensors[VggLayout.TensorName(conv, VggNaming.Torchvision, "weight")] = weight;
            tensors[VggLayout.TensorName(conv, VggNaming.Torchvision, "bias")] = bias;
        }
        var path = Path.Combine(Path.GetTempPath(), $"vgg-torchvision-{Guid.NewGuid():N}.safetensors");
        SafeTensorsFile.Save(path, tensors);
        return path;
    }
}
