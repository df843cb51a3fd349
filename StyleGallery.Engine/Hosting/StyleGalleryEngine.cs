using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Hosting;

/// <summary>A job that ended without a result; its message is written for the person who asked.</summary>
public sealed class JobFailedException(JobSnapshot job)
    : Exception(job.Status == JobStatus.Cancelled ? "The job was cancelled." : job.Error ?? "The job failed.")
{
    public JobSnapshot Job { get; } = job;
}

/// <summary>
/// The engine as its hosts see it: the model catalogue and installer, the device, and the job queue that owns
/// it. One per process (the web app registers it as a singleton; the CLI makes one per run).
/// </summary>
public sealed class StyleGalleryEngine : IDisposable
{
    private readonly FastStylizer _fast;

    public StyleGalleryEngine(EngineSettings settings, ILoggerFactory? loggerFactory = null, HttpClient? http = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        Settings = settings;
        Runtime = TorchRuntime.Detect(loggerFactory.CreateLogger<StyleGalleryEngine>(), settings.Threads);
        Catalog = ModelCatalog.LoadEmbedded();
        Models = new ModelInstaller(Catalog, new ModelStoreOptions(settings.ModelsDirectory, settings.MirrorDirectory), http);
        Jobs = new StyleEngine(Runtime, new EngineOptions { QueueCapacity = settings.QueueCapacity }, loggerFactory.CreateLogger<StyleEngine>());
        _fast = new FastStylizer(Models.PathOf, Runtime.Device);
    }

    public EngineSettings Settings { get; }
    public TorchRuntime Runtime { get; }
    public ModelCatalog Catalog { get; }
    public ModelInstaller Models { get; }
    public StyleEngine Jobs { get; }

    /// <summary>Every fast style of the catalogue, installed or not, in catalogue order.</summary>
    public IReadOnlyList<ModelEntry> FastStyles() => Catalog.Models.Where(m => m.Kind == ModelKind.FastStyle).ToList();

    /// <summary>Installs a model if it is not there yet (from the mirror or its sources, checksum verified).</summary>
    public async Task EnsureInstalledAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Models.IsInstalled(modelId)) await Models.InstallAsync(modelId, progress, ct);
    }

    /// <summary>Queues a fast stylisation, installing the style's network first if needed.</summary>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    public async Task<JobTicket> SubmitFastAsync(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default)
    {
        RequireFastStyle(styleId);
        await EnsureInstalledAsync(styleId, null, ct);
        return Jobs.Submit(new FastStyleJob(_fast, content, styleId, options));
    }

    /// <summary>Queues a fast stylisation and waits for the picture.</summary>
    public async Task<RgbImage> StylizeFastAsync(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default)
    {
        var ticket = await SubmitFastAsync(content, styleId, options, ct);
        using var cancel = ct.Register(() => Jobs.Cancel(ticket.Id));
        return ResultOf<RgbImage>(await ticket.Completion);
    }

    /// <summary>The result of a finished job, or a <see cref="JobFailedException"/> saying why there is none.</summary>
    public static T ResultOf<T>(JobSnapshot job) =>
        job.Status == JobStatus.Succeeded && job.Result is T result ? result : throw new JobFailedException(job);

    public void Dispose()
    {
        Jobs.Dispose();
        _fast.Dispose();
    }

    private void RequireFastStyle(string styleId)
    {
        var entry = Catalog.Get(styleId);
        if (entry.Kind != ModelKind.FastStyle) throw new ArgumentException($"'{styleId}' is a {entry.Kind} model, not a fast style.", nameof(styleId));
    }
}
