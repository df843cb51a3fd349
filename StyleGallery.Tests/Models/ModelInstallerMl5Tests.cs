using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Models;

/// <summary>Installing a fast style from an ml5 checkpoint served over HTTP goes through the importer.</summary>
[Collection(TorchCollection.Name)]
public sealed class ModelInstallerMl5Tests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("installer-ml5-").FullName;
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Installs_udnie_from_an_ml5_checkpoint_with_every_tensor_intact()
    {
        var folder = FakeMl5Checkpoint.WriteFrom(SharedData.Fast("udnie"), Path.Combine(_root, "ckpt"));
        foreach (var file in Directory.GetFiles(folder)) _server.Files["ml5/udnie/" + Path.GetFileName(file)] = File.ReadAllBytes(file);
        var url = _server.Url("ml5/udnie/");
        var converted = await ConvertedSha256(folder, url);
        var catalog = ModelCatalog.Load(TestCatalogJson.Single(new string('e', 64), null, (url, "ml5-checkpoint", converted)));
        var installer = new ModelInstaller(catalog, new ModelStoreOptions(Path.Combine(_root, "models")), _http);

        var path = await installer.InstallAsync("test-model");

        AssertSameTensors(SharedData.Fast("udnie"), path);
        Assert.Contains(_server.Requests, r => r.Path == "ml5/udnie/manifest.json");
        Assert.True(installer.Verify("test-model").IsOk); // the converted file's hash is an accepted one
    }

    /// <summary>What the importer makes of this checkpoint with the installer's metadata, converted locally.</summary>
    private async Task<string> ConvertedSha256(string folder, string url)
    {
        var local = Path.Combine(_root, "local.safetensors");
        await new Ml5CheckpointImporter().ImportAsync(folder, local, Ml5CheckpointImporter.MetadataFor("test-model", url));
        return FileSha256.Of(local);
    }

    private static void AssertSameTensors(string expectedPath, string actualPath)
    {
        var expected = SafeTensorsFile.Open(expectedPath);
        var actual = SafeTensorsFile.Open(actualPath);
        Assert.Equal(expected.Entries.Count, actual.Entries.Count);
        foreach (var entry in expected.Entries)
        {
            using var e = expected.Read(entry.Name);
            using var a = actual.Read(entry.Name);
            Assert.Equal(e.shape, a.shape);
            Assert.Equal(e.data<float>().ToArray(), a.data<float>().ToArray());
        }
    }
}
