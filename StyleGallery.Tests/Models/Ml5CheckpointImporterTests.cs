using System.Text.Json.Nodes;
using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class Ml5CheckpointImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ml5-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FakeCheckpoint(string style = "udnie") => FakeMl5Checkpoint.WriteFrom(SharedData.Fast(style), Path.Combine(_dir, style));

    [Fact]
    public async Task Importing_a_checkpoint_made_from_udnie_gives_back_every_tensor_exactly()
    {
        var output = Path.Combine(_dir, "imported.safetensors");
        await new Ml5CheckpointImporter().ImportAsync(FakeCheckpoint(), output);

        var original = SafeTensorsFile.Open(SharedData.Fast("udnie"));
        var imported = SafeTensorsFile.Open(output);
        Assert.Equal(original.Entries.Select(e => e.Name).Order(), imported.Entries.Select(e => e.Name).Order());
        foreach (var entry in original.Entries)
        {
            Assert.Equal(entry.Shape, imported[entry.Name].Shape);
            using var expected = original.Read(entry.Name);
            using var actual = imported.Read(entry.Name);
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        }
    }

    [Fact]
    public void The_layout_follows_ml5s_kernel_shift_scale_triples()
    {
        var variables = Ml5TransformerNetLayout.Variables;
        Assert.Equal(48, variables.Count);
        Assert.Equal(FakeMl5Checkpoint.TensorNamesInVariableOrder(), variables.Select(v => v.TensorName));
        Assert.Equal(("Variable", "conv1.weight"), (variables[0].VariableName, variables[0].TensorName));
        Assert.Equal(("Variable_1", "in1.bias"), (variables[1].VariableName, variables[1].TensorName));   // shift
        Assert.Equal(("Variable_2", "in1.weight"), (variables[2].VariableName, variables[2].TensorName)); // scale
        Assert.Equal(("Variable_39", "deconv1.weight"), (variables[39].VariableName, variables[39].TensorName));
        Assert.Equal(new long[] { 3, 3, 64, 128 }, variables[39].TfShape); // [kh,kw,out,in]
        Assert.Equal(("Variable_47", "in6.weight"), (variables[47].VariableName, variables[47].TensorName));
    }

    [Fact]
    public void Converting_a_kernel_by_hand_matches_the_documented_permutation()
    {
        // ours[o=1,i=0,h=0,w=1] of a [2,1,1,2] kernel must land at TF [h=0,w=1,i=0,o=1] of [1,2,1,2].
        var (tf, shape) = FakeMl5Checkpoint.ToTensorFlowKernel([10, 11, 20, 21], [2, 1, 1, 2]);
        Assert.Equal(new long[] { 1, 2, 1, 2 }, shape);
        Assert.Equal(new float[] { 10, 20, 11, 21 }, tf);
    }

    [Fact]
    public async Task The_catalogue_pins_the_bytes_a_conversion_produces()
    {
        var source = ModelCatalog.LoadEmbedded().Get("udnie").Sources.Single();
        var output = Path.Combine(_dir, "pinned.safetensors");
        await new Ml5CheckpointImporter().ImportAsync(FakeCheckpoint(), output, Ml5CheckpointImporter.MetadataFor("udnie", source.Url));
        Assert.Equal(source.Sha256, FileSha256.Of(output));
    }

    [Fact]
    public async Task A_missing_variable_is_named_in_the_error()
    {
        var folder = FakeCheckpoint();
        EditManifest(folder, m => m.Remove("Variable_17"));
        var e = await Assert.ThrowsAsync<InvalidWeightsException>(() => new Ml5CheckpointImporter().ImportAsync(folder, Path.Combine(_dir, "x.safetensors")));
        Assert.Contains("Variable_17", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "x.safetensors")));
    }

    [Fact]
    public async Task A_variable_with_the_wrong_shape_is_refused()
    {
        var folder = FakeCheckpoint();
        EditManifest(folder, m => m["Variable"]!["shape"] = new JsonArray(3, 3, 3, 32));
        var e = await Assert.ThrowsAsync<InvalidWeightsException>(() => new Ml5CheckpointImporter().ImportAsync(folder, Path.Combine(_dir, "x.safetensors")));
        Assert.Contains("conv1.weight", e.Message);
    }

    [Fact]
    public async Task A_short_variable_file_is_refused()
    {
        var folder = FakeCheckpoint();
        File.WriteAllBytes(Path.Combine(folder, "Variable_1"), new byte[12]);
        var e = await Assert.ThrowsAsync<InvalidWeightsException>(() => new Ml5CheckpointImporter().ImportAsync(folder, Path.Combine(_dir, "x.safetensors")));
        Assert.Contains("12 bytes", e.Message);
    }

    [Fact]
    public async Task A_file_name_that_leaves_the_folder_is_refused()
    {
        var folder = FakeCheckpoint();
        EditManifest(folder, m => m["Variable"]!["filename"] = "../../etc/passwd");
        var e = await Assert.ThrowsAsync<InvalidWeightsException>(() => new Ml5CheckpointImporter().ImportAsync(folder, Path.Combine(_dir, "x.safetensors")));
        Assert.Contains("unsafe filename", e.Message);
    }

    private static void EditManifest(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, Ml5CheckpointImporter.ManifestFileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }
}
