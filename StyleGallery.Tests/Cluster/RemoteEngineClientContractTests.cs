using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Bench.Servers;
using StyleGallery.Cluster;
using StyleGallery.Cluster.Messaging;
using StyleGallery.Cluster.Remote;
using StyleGallery.Cluster.Workers;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Storage;
using StyleGallery.Tests.Client;
using StyleGallery.Tests.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Cluster;

/// <summary>
/// The contract suite against a web node's remote engine client, with an engine worker behind a real RabbitMQ broker
/// (the test run's, on loopback): every job goes through the broker, its states come back as events, its pictures
/// through the shared file store. Both sides share one job store, as a cluster's nodes share one database. Each test
/// gets its own queue names, so tests never see each other's messages.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RemoteEngineClientContractTests : EngineClientContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sg-remote-contract-" + Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _buses = [];
    private StyleGalleryEngine? _engine;
    private EngineWorker? _worker;
    private ClusterEventListener? _listener;

    protected override async Task<IStyleEngineClient> CreateClientAsync()
    {
        var cluster = new ClusterSettings { Broker = RabbitMqServer.Shared.AmqpUri.ToString(), Prefix = "contract-" + Guid.NewGuid().ToString("N") };
        var settings = new EngineSettings
        {
            ModelsDirectory = Path.Combine(_folder, "models"), MirrorDirectory = SharedData.Models, PaintingMirrorDirectory = SharedData.Styles,
            AllowDownloads = false,
        };
        var store = new InMemoryJobStore();
        var pictures = new JobPictures(new FolderFileStore(_folder));
        var metrics = new ClusterMetrics();

        _engine = new StyleGalleryEngine(settings, store: store, pictures: pictures);
        _worker = new EngineWorker(_engine, Bus(cluster), pictures, store, metrics, NullLogger<EngineWorker>.Instance);
        var clientBus = Bus(cluster);
        var client = new RemoteEngineClient(new StyleCatalogue(settings), store, pictures, clientBus, metrics, NullLogger<RemoteEngineClient>.Instance);
        _listener = new ClusterEventListener(client, clientBus, NullLogger<ClusterEventListener>.Instance);
        await _worker.StartAsync(CancellationToken.None);
        await _listener.StartAsync(CancellationToken.None);
        await Task.WhenAll(_worker.Ready, _listener.Ready).WaitAsync(TimeSpan.FromSeconds(60));
        return client;
    }

    protected override string ModelsDirectory => Path.Combine(_folder, "models");

    [Fact]
    public async Task Deleting_a_trained_style_tells_the_workers_to_let_go_of_its_network()
    {
        WriteTrainedStyle("doomed");
        await Client.StylizeAsync(FastWith("doomed"));
        Assert.Equal(1, _engine!.LoadedFastNetworks);

        Assert.True(await Client.DeleteTrainedStyleAsync("doomed"));

        await Eventually.TrueAsync(() => _engine.LoadedFastNetworks == 0, "the worker has let go of the deleted style's network");
    }

    protected override async Task DisposeClientAsync()
    {
        if (_listener is not null) await _listener.StopAsync(CancellationToken.None);
        if (_worker is not null) await _worker.StopAsync(CancellationToken.None);
        foreach (var bus in _buses) await bus.DisposeAsync();
        _engine?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private RabbitMqBus Bus(ClusterSettings cluster)
    {
        var bus = new RabbitMqBus(cluster, NullLogger<RabbitMqBus>.Instance);
        _buses.Add(bus);
        return bus;
    }
}
