using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Tests.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Client;

/// <summary>The contract suite against the engine in this process, with a job store (durable jobs).</summary>
[Collection(TorchCollection.Name)]
public sealed class InProcessEngineClientContractTests : EngineClientContractTests
{
    private readonly string _models = Path.Combine(Path.GetTempPath(), "sg-contract-" + Guid.NewGuid().ToString("N"));
    private StyleGalleryEngine? _engine;

    protected override Task<IStyleEngineClient> CreateClientAsync()
    {
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = _models, MirrorDirectory = SharedData.Models, PaintingMirrorDirectory = SharedData.Styles,
            AllowDownloads = false,
        }, store: new InMemoryJobStore());
        return Task.FromResult<IStyleEngineClient>(_engine);
    }

    protected override string ModelsDirectory => _models;

    [Fact]
    public async Task Deleting_a_trained_style_lets_go_of_its_loaded_network()
    {
        WriteTrainedStyle("doomed");
        await Client.StylizeAsync(FastWith("doomed"));
        Assert.Equal(1, _engine!.LoadedFastNetworks);

        Assert.True(await Client.DeleteTrainedStyleAsync("doomed"));

        Assert.Equal(0, _engine.LoadedFastNetworks);
    }

    protected override Task DisposeClientAsync()
    {
        _engine?.Dispose();
        if (Directory.Exists(_models)) Directory.Delete(_models, recursive: true);
        return Task.CompletedTask;
    }
}
