using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Fast;

/// <summary>Runs udnie once on the golden 62x90 input and keeps every activation for the tests below.</summary>
public sealed class UdnieGoldenRun : IDisposable
{
    public UdnieGoldenRun()
    {
        Golden = SafeTensorsFile.Load(SharedData.Golden("fast_udnie_small_golden.safetensors"));
        using var net = TransformerNet.FromPretrained(SharedData.Fast("udnie"));
        using var noGrad = no_grad();
        using var input = Golden["input"].unsqueeze(0);
        Activations = net.ForwardWithActivations(input);
    }

    public Dictionary<string, Tensor> Golden { get; }
    public IReadOnlyDictionary<string, Tensor> Activations { get; }

    public void Dispose()
    {
        foreach (var t in Golden.Values.Concat(Activations.Values)) t.Dispose();
    }
}

[Collection(TorchCollection.Name)]
public sealed class TransformerNetGoldenTests(UdnieGoldenRun run) : IClassFixture<UdnieGoldenRun>
{
    private const double RelativeTolerance = 1e-4;
    private const double OutputGreyLevelTolerance = 0.05;

    public static TheoryData<string> IntermediateNames => new()
    {
        "after_conv1_in1_relu", "after_conv2_in2_relu", "after_conv3_in3_relu",
        "after_res1", "after_res2", "after_res3", "after_res4", "after_res5",
        "after_deconv1_in4_relu", "after_deconv2_in5_relu", "after_conv4_in6_pre_tanh",
    };

    [Theory]
    [MemberData(nameof(IntermediateNames))]
    public void Every_intermediate_matches_the_golden_activation(string name)
    {
        var expected = run.Golden[name];
        var actual = run.Activations[name][0];
        Assert.Equal(expected.shape, actual.shape);
        // Element-wise |a - e| <= rtol * (|e| + the tensor's typical magnitude): tight, yet fair to values near zero.
        var scale = expected.abs().mean().item<float>();
        var excess = (actual - expected).abs() - RelativeTolerance * (expected.abs() + scale);
        var worst = excess.max().item<float>();
        Assert.True(worst <= 0, $"{name}: worst element exceeds the tolerance by {worst:g4} (mean |value| {scale:g4}).");
    }

    [Fact]
    public void Output_before_the_crop_matches_within_a_twentieth_of_a_grey_level()
    {
        var expected = run.Golden[TransformerNet.OutputName];
        var actual = run.Activations[TransformerNet.OutputName][0];
        Assert.Equal(new long[] { 3, 64, 92 }, actual.shape);
        var maxError = (actual - expected).abs().max().item<float>();
        Assert.True(maxError < OutputGreyLevelTolerance, $"max |output - golden| = {maxError} grey levels");
    }

    [Fact]
    public void Every_stage_of_the_golden_file_is_exposed()
    {
        var stages = run.Golden.Keys.Where(k => k != "input").Order();
        Assert.Equal(stages, run.Activations.Keys.Order());
    }
}
