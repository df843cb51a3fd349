using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Setup;

namespace StyleGallery.Tests.Web;

/// <summary>The first-start install against a temporary mirror holding one good and one damaged model; offline throughout.</summary>
[Collection(TorchCollection.Name)]
public sealed class ModelBootstrapperTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bootstrap-").FullName;
    private readonly StyleGalleryEngine _engine;

    public ModelBootstrapperTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mirror", "fast"));
        File.Copy(SharedData.Fast("udnie"), MirrorFile("udnie"));
        File.WriteAllBytes(MirrorFile("wave"), new byte[1000]); // the right name, the wrong checksum
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = Path.Combine(_root, "models"),
            MirrorDirectory = Path.Combine(_root, "mirror"),
            AllowDownloads = false,
        });
    }

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Plans_the_mirrored_models_installs_the_good_one_and_gives_the_reason_for_the_other()
    {
        using var bootstrapper = Bootstrapper(installOnStart: true);
        var seen = new List<InstallStatus>();
        bootstrapper.Changed += () => { lock (seen) seen.Add(bootstrapper.Status); };

        await bootstrapper.StartAsync(CancellationToken.None);
        var planned = bootstrapper.Status;
        await bootstrapper.ExecuteTask!;

        Assert.Equal(["udnie", "wave"], planned.Models.Select(m => m.ModelId));
        Assert.True(planned.IsRunning);
        var (udnie, wave) = (bootstrapper.Status.Models[0], bootstrapper.Status.Models[1]);
        var size = new FileInfo(SharedData.Fast("udnie")).Length;
        Assert.Equal((ModelSetupPhase.Installed, size, size), (udnie.Phase, udnie.BytesDone, udnie.BytesTotal));
        Assert.True(_engine.Models.IsInstalled("udnie"));
        Assert.Equal(ModelSetupPhase.Failed, wave.Phase);
        Assert.Contains("Could not install model 'wave'", wave.Error);
        Assert.False(bootstrapper.Status.IsRunning);
        Assert.Contains(seen, s => s.Models[0] is { Phase: ModelSetupPhase.Installing, Percent: > 0 and < 100 });
    }

    [Fact]
    public async Task Retry_installs_a_failed_model_once_its_source_is_good()
    {
        using var bootstrapper = Bootstrapper(installOnStart: true);
        await bootstrapper.StartAsync(CancellationToken.None);
        await bootstrapper.ExecuteTask!;
        File.Copy(SharedData.Fast("wave"), MirrorFile("wave"), overwrite: true);

        await bootstrapper.RetryAsync();

        Assert.Equal(ModelSetupPhase.Installed, bootstrapper.Status.Models.Single(m => m.ModelId == "wave").Phase);
        Assert.False(bootstrapper.Status.NeedsAttention);
        Assert.True(_engine.Models.IsInstalled("wave"));
    }

    [Fact]
    public async Task With_downloads_allowed_it_also_takes_on_what_the_mirror_lacks_and_names_the_address_that_failed()
    {
        var network = new UnreachableNetwork();
        using var http = new HttpClient(network);
        using var engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = Path.Combine(_root, "models"),
            MirrorDirectory = Path.Combine(_root, "mirror"),
        }, http: http);
        using var bootstrapper = new ModelBootstrapper(engine, new StyleGalleryWebOptions(), NullLogger<ModelBootstrapper>.Instance);

        await bootstrapper.StartAsync(CancellationToken.None);
        var planned = bootstrapper.Status.Models.Select(m => m.ModelId).ToList();
        await bootstrapper.ExecuteTask!;

        // Every fast style and painting, and VGG19 (the default network) from the only VGG19 with a download source; the
        // VGG16s are left for first use, and the hybrid VGG19 has no source to download it from.
        string[] fastStyles = ["udnie", "wave", "scream", "la_muse", "rain_princess", "wreck", "mathura", "matta"];
        var paintings = engine.Catalog.Models.Where(m => m.Kind == ModelKind.Painting).Select(m => m.Id);
        Assert.Equal(["vgg19-torchvision", .. fastStyles, .. paintings], planned);
        Assert.Equal(14, paintings.Count());
        var status = bootstrapper.Status.Models.ToDictionary(m => m.ModelId);
        Assert.Equal(ModelSetupPhase.Installed, status["udnie"].Phase);
        Assert.All(planned.Where(id => id != "udnie"), id => Assert.Equal(ModelSetupPhase.Failed, status[id].Phase));
        Assert.Contains("https://huggingface.co/timm/vgg19.tv_in1k/", status["vgg19-torchvision"].Error);
        Assert.Contains("no network in this test", status["scream"].Error);
        Assert.Contains(network.Requests, uri => uri.Host == "raw.githubusercontent.com" && uri.AbsolutePath.Contains("/scream/"));
        Assert.Contains(network.Requests, uri => uri.AbsolutePath.EndsWith("/examples/inputs/starry_night.jpg", StringComparison.Ordinal));
        Assert.Contains("starry_night.jpg", status["painting.starry_night"].Error);
        Assert.True(bootstrapper.Status.HasFailures);
    }

    [Fact]
    public async Task Installs_nothing_and_needs_no_attention_when_told_not_to_install_at_start()
    {
        using var bootstrapper = Bootstrapper(installOnStart: false);

        await bootstrapper.StartAsync(CancellationToken.None);
        await bootstrapper.ExecuteTask!;

        Assert.Equal(InstallStatus.Idle, bootstrapper.Status);
        Assert.False(_engine.Models.IsInstalled("udnie"));
    }

    private ModelBootstrapper Bootstrapper(bool installOnStart) =>
        new(_engine, new StyleGalleryWebOptions { InstallModelsOnStart = installOnStart }, NullLogger<ModelBootstrapper>.Instance);

    private string MirrorFile(string style) => Path.Combine(_root, "mirror", "fast", style + ".safetensors");

    /// <summary>A network that answers nothing: every request fails the way an unreachable host does.</summary>
    private sealed class UnreachableNetwork : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(request.RequestUri!);
            throw new HttpRequestException("no network in this test");
        }
    }
}
