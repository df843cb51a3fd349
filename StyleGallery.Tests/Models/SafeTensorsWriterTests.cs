using System.Buffers.Binary;
using System.Text.Json;
using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class SafeTensorsWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("st-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Round_trips_values_shapes_and_metadata()
    {
        var path = Path.Combine(_dir, "w.safetensors");
        using (var kernel = tensor(new[] { 1f, -2f, 3.5f, 1e-7f, float.MaxValue, -0f }, new long[] { 1, 2, 3 }))
        using (var bias = tensor(new[] { 0.125f }, new long[] { 1 }))
            SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["conv.weight"] = kernel, ["conv.bias"] = bias }, new Dictionary<string, string> { ["style"] = "udnie", ["note"] = "a \"quoted\" + ü" });

        var file = SafeTensorsFile.Open(path);
        Assert.Equal(new[] { "conv.bias", "conv.weight" }, file.Entries.Select(e => e.Name)); // ordinal order
        Assert.Equal(new long[] { 1, 2, 3 }, file["conv.weight"].Shape);
        Assert.All(file.Entries, e => Assert.Equal("F32", e.DType));
        using var readKernel = file.Read("conv.weight");
        Assert.Equal(new[] { 1f, -2f, 3.5f, 1e-7f, float.MaxValue, -0f }, readKernel.data<float>().ToArray());
        using var readBias = file.Read("conv.bias");
        Assert.Equal(new[] { 0.125f }, readBias.data<float>().ToArray());
        Assert.Equal("udnie", file.Metadata["style"]);
        Assert.Equal("a \"quoted\" + ü", file.Metadata["note"]);
    }

    [Fact]
    public void Writes_the_standard_layout_with_8_byte_aligned_data()
    {
        var path = Path.Combine(_dir, "layout.safetensors");
        using (var t = tensor(new[] { 1f, 2f, 3f }, new long[] { 3 }))
            SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["x"] = t });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 12, bytes.Length);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var x = doc.RootElement.GetProperty("x");
        Assert.Equal("F32", x.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 0L, 12L }, x.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(2f, BitConverter.ToSingle(bytes, 8 + headerLength + 4));
    }

    [Fact]
    public void Converts_other_dtypes_to_float32_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "f64.safetensors");
        using (var t = tensor(new[] { 0.1, 2.0 }, new long[] { 2 }, ScalarType.Float64))
            SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["d"] = t });

        using var read = SafeTensorsFile.Open(path).Read("d");
        Assert.Equal(new[] { 0.1f, 2f }, read.data<float>().ToArray());
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void Refuses_a_tensor_named_like_the_metadata_key()
    {
        using var t = tensor(new[] { 1f });
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Save(Path.Combine(_dir, "m.safetensors"), new Dictionary<string, Tensor> { ["__metadata__"] = t }));
    }
}
