using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Gatys;

/// <summary>Every loss term and the gradient against the float64 reference in gatys_vgg19_small_golden.</summary>
[Collection(TorchCollection.Name)]
public sealed class GatysGoldenTests
{
    private const double Tolerance = 1e-4;
    private static readonly string[] StyleLayers = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"];

    [Fact]
    public void Losses_and_gradient_match_the_float64_reference()
    {
        using var scope = NewDisposeScope();
        var golden = SafeTensorsFile.Load(SharedData.Golden("gatys_vgg19_small_golden.safetensors"));
        var options = new GatysOptions
        {
            ContentLayers = ["relu4_2"], StyleLayers = StyleLayers,
            ContentWeight = 1, StyleWeight = 1000, TvWeight = 1, TvForm = TotalVariationForm.Isotropic,
        };
        using var net = VggFeatures.Load(SharedData.Vgg("vgg19-imagenet.safetensors"), VggArchitecture.Vgg19,
            VggWeightConventions.Caffe, options.RequiredLayers);
        using var objective = GatysObjective.Create(net, options, golden["content"].unsqueeze(0),
            [(golden["style"].unsqueeze(0), 1.0)], 48, 64);
        var x = golden["x"].unsqueeze(0).clone().requires_grad_(true);

        var evaluation = objective.Evaluate(x);
        evaluation.Total.backward();

        AssertRelative(Scalar(golden, "content_loss"), evaluation.ContentLoss, "content");
        foreach (var layer in StyleLayers)
            AssertRelative(Scalar(golden, "style_loss_" + layer), evaluation.StyleLayerLosses[layer], layer);
        AssertRelative(Scalar(golden, "style_loss"), evaluation.StyleLoss, "style");
        AssertRelative(Scalar(golden, "tv_loss"), evaluation.TvLoss, "tv");
        AssertRelative(Scalar(golden, "total_loss"), evaluation.TotalLoss, "total");
        var expectedGrad = golden["grad_total_wrt_x"];
        var error = x.grad!.squeeze(0).sub(expectedGrad).abs().max().item<float>();
        var scale = expectedGrad.abs().max().item<float>();
        Assert.True(error <= Tolerance * scale, $"gradient: max error {error} vs max |grad| {scale}");
    }

    private static double Scalar(Dictionary<string, Tensor> golden, string name) => golden[name].item<float>();

    private static void AssertRelative(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: expected {expected}, got {actual}");
}
