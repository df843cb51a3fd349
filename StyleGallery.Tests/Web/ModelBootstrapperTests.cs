using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Hosting;
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
}
