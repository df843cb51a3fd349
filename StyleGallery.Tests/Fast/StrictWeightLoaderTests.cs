using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Fast;

[Collection(TorchCollection.Name)]
public sealed class StrictWeightLoaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fast-weights-{Guid.NewGuid():N}.safetensors");
    private readonly Dictionary<string, Tensor> _udnie = SafeTensorsFile.Load(SharedData.Fast("udnie"));

    [Fact]
    public void Loads_all_48_pretrained_tensors()
    {
        using var net = new TransformerNet();
        Assert.Equal(48, net.named_parameters().Count());
        Assert.Equal(1_677_638L, net.parameters().Sum(p => p.numel()));
        StrictWeightLoader.Load(net, SharedData.Fast("udnie"));
        var loaded = net.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.True(loaded["res3.in2.bias"].equal(_udnie["res3.in2.bias"]).all().item<bool>());
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        _udnie.Remove("in3.bias");
        var error = LoadAltered();
        Assert.Contains("missing tensors: in3.bias", error.Message);
    }

    [Fact]
    public void An_extra_tensor_is_named()
    {
        _udnie["res6.conv1.weight"] = zeros(128, 128, 3, 3);
        var error = LoadAltered();
        Assert.Contains("unexpected tensors: res6.conv1.weight", error.Message);
    }

    [Fact]
    public void A_misshaped_tensor_is_named_with_both_shapes()
    {
        _udnie["deconv1.weight"] = zeros(64, 128, 3, 3); // [out,in] instead of ConvTranspose's [in,out]
        var error = LoadAltered();
        Assert.Contains("'deconv1.weight' has shape [64,128,3,3], the network needs [128,64,3,3]", error.Message);
    }

    private InvalidWeightsException LoadAltered()
    {
        SafeTensorsFile.Save(_path, _udnie);
        using var net = new TransformerNet();
        return Assert.Throws<InvalidWeightsException>(() => StrictWeightLoader.Load(net, _path));
    }

    public void Dispose()
    {
        File.Delete(_path);
        foreach (var t in _udnie.Values) t.Dispose();
    }
}
