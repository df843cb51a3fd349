using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Models;

/// <summary>The real weight files in ../shared, read through our reader.</summary>
[Collection(TorchCollection.Name)]
public sealed class SharedWeightFilesTests
{
    [Theory]
    [InlineData("udnie")]
    [InlineData("wave")]
    [InlineData("scream")]
    [InlineData("la_muse")]
    [InlineData("rain_princess")]
    [InlineData("wreck")]
    [InlineData("mathura")]
    [InlineData("matta")]
    public void Every_fast_style_has_48_tensors_and_1_677_638_parameters(string style)
    {
        var file = SafeTensorsFile.Open(SharedData.Fast(style));
        Assert.Equal(48, file.Entries.Count);
        Assert.Equal(1_677_638, file.Entries.Sum(e => e.ElementCount));
        Assert.Equal(new long[] { 128, 64, 3, 3 }, file["deconv1.weight"].Shape); // transposed conv: [in,out,kh,kw]
        Assert.Equal(new long[] { 3, 32, 9, 9 }, file["conv4.weight"].Shape);
    }

    [Fact]
    public void Vgg19_has_its_16_conv_layers()
    {
        var file = SafeTensorsFile.Open(SharedData.Vgg("vgg19-imagenet.safetensors"));
        Assert.Equal(32, file.Entries.Count);
        Assert.Equal(new long[] { 64, 3, 3, 3 }, file["conv1_1.weight"].Shape);
        Assert.Equal(new long[] { 512, 512, 3, 3 }, file["conv5_4.weight"].Shape);
        Assert.Contains("123.68", file.Metadata["input"]);
    }

    [Fact]
    public void Vgg16_partial_stops_at_conv3_3_kernels()
    {
        var file = SafeTensorsFile.Open(SharedData.Vgg("vgg16-imagenet-to-conv3_3.safetensors"));
        Assert.True(file.Contains("conv3_3.weight"));
        Assert.False(file.Contains("conv4_1.weight"));
        Assert.True(file.Contains("conv5_3.bias"));
    }

    [Fact]
    public void Loads_udnie_tensors_with_the_values_in_the_file()
    {
        var tensors = SafeTensorsFile.Load(SharedData.Fast("udnie"));
        try
        {
            Assert.Equal(48, tensors.Count);
            // in1.weight is the instance-norm scale: a trained network's scales are not all zero and are finite.
            var scale = tensors["in1.weight"].data<float>().ToArray();
            Assert.Equal(32, scale.Length);
            Assert.All(scale, v => Assert.True(float.IsFinite(v)));
            Assert.Contains(scale, v => v != 0f);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
