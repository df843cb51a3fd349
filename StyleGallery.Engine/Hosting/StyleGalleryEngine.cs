using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>A job that ended without a result; its message is written for the person who asked.</summary>
public sealed class JobFailedException(JobSnapshot job)
    : Exception(job.Status == JobStatus.Cancelled ? "The job was cancelled." : job.Error ?? "The job failed.")
{
    public JobSnapshot Job { get; } = job;
}

/// <summary>
/// The engine in this process: the model catalogue and installer, the device, and the job queue that owns it, behind
/// the one contract hosts use (<see cref="IStyleEngineClient"/>). One per process (the web app registers it as a
/// singleton; the CLI makes one per run). With a job store, the jobs people ask for are durable: rows before they are
/// queued, and <see cref="ResumeAsync"/> runs again what a stopped process left unfinished.
/// </summary>
public sealed partial class StyleGalleryEngine : IStyleEngineClient, IJobResumption, IDisposable
{
    private readonly FastStylizer _fast;
    private readonly GatysStylizer _gatys;
    private readonly ILogger _logger;

    /// <param name="store">Where durable jobs live between processes; null: every job lives only in memory (the CLI).</param>
    public StyleGalleryEngine(EngineSettings settings, ILoggerFactory? loggerFactory = null, HttpClient? http = null,
        IJobStore? store = null, TimeProvider? time = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        Settings = settings;
        _logger = loggerFactory.CreateLogger<StyleGalleryEngine>();
        Runtime = TorchRuntime.Detect(_logger, settings.Threads);
        DecodeBudget.Shared.Configure(settings.DecodeBudgetPixels, settings.DecodeBudgetWait);
        Catalog = ModelCatalog.LoadEmbedded();
        Models = new ModelInstaller(Catalog, settings.ModelStore, http);
        var options = new EngineOptions { QueueCapacity = settings.QueueCapacity, MaxAttempts = settings.MaxAttempts };
        Jobs = new StyleEngine(Runtime, options, loggerFactory.CreateLogger<StyleEngine>(), store);
        Cameras = new CameraStreams(time ?? TimeProvider.System);
        _fast = FastStylizer.ForNetworks(NetworkOf, Runtime.Device);
        _gatys = new GatysStylizer(LossNetwork);
        Jobs.JobChanged += CountPreviews;
    }

    public EngineSettings Settings { get; }
    public TorchRuntime Runtime { get; }
    internal ModelCatalog Catalog { get; }
    internal ModelInstaller Models { get; }
    internal StyleEngine Jobs { get; }
    internal CameraStreams Cameras { get; }

    /// <summary>Every fast style of the catalogue, installed or not, in catalogue order.</summary>
    internal IReadOnlyList<ModelEntry> CatalogueFastStyles() => Catalog.Models.Where(m => m.Kind == ModelKind.FastStyle).ToList();

    /// <summary>
    /// Every style a fast stylisation can use: the catalogue's (installed or not, in catalogue order), then the styles
    /// trained here (by id). A trained style never shadows a catalogue id.
    /// </summary>
    public IReadOnlyList<FastStyleInfo> FastStyles() =>
        CatalogueFastStyles().Select(CatalogueStyle).Concat(TrainedStyles().Select(TrainedStyle)).ToList();

    /// <summary>One fast style by id, catalogue or trained.</summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id; the message lists those that exist.</exception>
    /// <exception cref="ArgumentException">The id is a catalogue model that is not a fast style.</exception>
    public FastStyleInfo FastStyle(string styleId)
    {
        if (Catalog.Contains(styleId)) return CatalogueStyle(RequireFastStyle(styleId));
        return TrainedStyles().FirstOrDefault(e => e.Id == styleId) is { } trained
            ? TrainedStyle(trained)
            : throw new KeyNotFoundException($"Unknown fast style '{styleId}'. Fast styles: {string.Join(", ", FastStyles().Select(s => s.Id))}.");
    }

    /// <summary>
    /// The catalogue's paintings that no fast style pictures: styles for optimisation (and training) only, in catalogue order.
    /// </summary>
    public IReadOnlyList<ModelEntry> PaintingOnlyStyles()
    {
        var pictured = Catalog.Models.Select(m => m.Painting?.Image).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Catalog.Models.Where(m => m.Kind == ModelKind.Painting && !pictured.Contains(m.Id)).ToList();
    }

    /// <summary>The catalogue painting of a catalogue id: a painting itself, or the one a fast style imitates; null otherwise.</summary>
    public string? PaintingIdOf(string styleId)
    {
        if (!Catalog.Contains(styleId)) return null;
        var entry = Catalog.Get(styleId);
        return entry.Kind == ModelKind.Painting ? entry.Id : entry.Painting?.Image;
    }

    /// <summary>The installed picture of <see cref="PaintingIdOf"/>; null when there is none or it is not installed yet.</summary>
    internal string? PaintingPathOf(string id) =>
        PaintingIdOf(id) is { } painting && Models.IsInstalled(painting) ? Models.PathOf(painting) : null;

    /// <summary>
    /// What a fresh install fetches before anyone asks, in catalogue order: every model the mirror holds (a copy, no
    /// network); and, where the mirror lacks them and downloads are allowed, every fast style, every painting and a
    /// loss network for the default architecture, so the gallery and the studio work from the first click. Other loss
    /// networks are large and installed on first use. Models already installed are left out.
    /// </summary>
    public IReadOnlyList<ModelEntry> StartupModels()
    {
        var defaultArchitecture = new GatysOptions().Network;
        var lossNetwork = InstalledLossNetwork(defaultArchitecture) is null && !LossNetworks(defaultArchitecture).Any(m => Models.IsMirrored(m.Id))
            ? LossNetworks(defaultArchitecture).FirstOrDefault(m => Models.IsDownloadable(m.Id))
            : null;
        return Catalog.Models
            .Where(m => !Models.IsInstalled(m.Id))
            .Where(m => Models.IsMirrored(m.Id) || (Models.IsDownloadable(m.Id) && (m.Kind is ModelKind.FastStyle or ModelKind.Painting || m == lossNetwork)))
            .ToList();
    }

    /// <summary>Installs a model if it is not there yet (from the mirror or its sources, checksum verified).</summary>
    public async Task EnsureInstalledAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default)
    {
        if (!Models.IsInstalled(modelId)) await Models.InstallAsync(modelId, progress, ct);
    }

    /// <summary>Queues a fast stylisation with a catalogue or trained style, installing a catalogue network first if needed.</summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal Task<JobTicket> SubmitFastAsync(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default) =>
        SubmitFastAsync(content, styleId, options, transient: false, camera: null, ct);

    /// <summary>
    /// Queues one frame of a live camera: a fast stylisation the engine forgets once the picture is handed over, so a
    /// stream of frames does not fill its retained finished jobs. With the camera's <paramref name="camera"/> stream
    /// (one per camera, every frame in order) the frame follows the camera's motion.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal Task<JobTicket> SubmitLiveFrameAsync(RgbImage frame, string styleId, FastStyleOptions options, CameraStream? camera = null, CancellationToken ct = default) =>
        SubmitFastAsync(frame, styleId, options, transient: true, camera, ct);

    private async Task<JobTicket> SubmitFastAsync(RgbImage content, string styleId, FastStyleOptions options, bool transient, CameraStream? camera, CancellationToken ct)
    {
        if (FastStyle(styleId).Origin == FastStyleOrigin.Catalogue) await EnsureInstalledAsync(styleId, null, ct);
        return Jobs.Submit(new FastStyleJob(_fast, content, styleId, options, transient, camera));
    }

    /// <summary>Queues a fast stylisation and waits for the picture.</summary>
    internal async Task<RgbImage> StylizeFastAsync(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default)
    {
        var ticket = await SubmitFastAsync(content, styleId, options, ct);
        using var cancel = ct.Register(() => Jobs.Cancel(ticket.Id));
        return ResultOf<RgbImage>(await ticket.Completion);
    }

    /// <summary>
    /// Queues the stylisation of a video file into <paramref name="output"/> (.mp4, .webm or .mkv), installing a
    /// catalogue network first if needed. Needs ffmpeg (<see cref="EngineSettings.FfmpegDirectory"/>, else the PATH).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id.</exception>
    /// <exception cref="VideoException">ffmpeg is missing or the output type is unknown.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal async Task<JobTicket> SubmitVideoAsync(string input, string output, string styleId, VideoOptions options, CancellationToken ct = default) =>
        Jobs.Submit(await VideoJobAsync(input, output, styleId, options, ct));

    private async Task<FastVideoJob> VideoJobAsync(string input, string output, string styleId, VideoOptions options, CancellationToken ct)
    {
        VideoContainer.ForPath(output);
        var tools = FfmpegTools.Locate(Settings.FfmpegDirectory);
        if (FastStyle(styleId).Origin == FastStyleOrigin.Catalogue) await EnsureInstalledAsync(styleId, null, ct);
        return new FastVideoJob(new VideoStylizer(_fast, tools), input, output, styleId, options);
    }

    /// <summary>
    /// Queues a Gatys optimisation; its loss network must be installed (see <see cref="EnsureLossNetworkAsync"/>). The
    /// options are not checked here: the contract's <see cref="SubmitAsync"/> checks a request, the stylizer a run.
    /// </summary>
    /// <exception cref="InvalidGatysOptionsException">The options need layers the weights lack.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal async Task<JobTicket> SubmitGatysAsync(RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions options, CancellationToken ct = default) =>
        Jobs.Submit(await GatysJobAsync(content, styles, options, ct));

    private async Task<GatysJob> GatysJobAsync(RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions options, CancellationToken ct)
    {
        await EnsureLossNetworkAsync(options.Network, ct);
        if (_gatys.WhyUnavailable(options) is { } reason) throw new InvalidGatysOptionsException([reason]);
        return new GatysJob(_gatys, content, styles, options)
        {
            CheckpointEvery = Settings.CheckpointEveryIterations,
            CheckpointInterval = Settings.CheckpointInterval,
        };
    }

    /// <summary>Styles trained on this machine (<c>&lt;models&gt;/user</c>).</summary>
    internal UserStyles UserStyles => new(Settings.ModelsDirectory);

    /// <summary>
    /// Queues a training run whose network becomes the user style <paramref name="styleId"/>; installs the loss
    /// network it needs first (VGG19 unless the options ask for VGG16).
    /// </summary>
    /// <exception cref="InvalidTrainingOptionsException">The options need layers the weights lack.</exception>
    /// <exception cref="InvalidUserStyleException">The id is no slug, or a catalogue model's.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal async Task<JobTicket> SubmitTrainingAsync(TrainingRequest request, string styleId, string? title = null, CancellationToken ct = default) =>
        Jobs.Submit(await TrainingJobAsync(request, styleId, title, ct));

    private async Task<TrainingJob> TrainingJobAsync(TrainingRequest request, string styleId, string? title, CancellationToken ct)
    {
        UserStyles.CheckId(styleId);
        if (Catalog.Contains(styleId))
            throw new InvalidUserStyleException($"'{styleId}' is the id of a catalogue model; choose another id for your style.");
        await EnsureLossNetworkAsync(request.Options.Layers?.Architecture ?? VggArchitecture.Vgg19, ct);
        var trainer = new FastStyleTrainer(InstalledLossNetworkSource, Runtime.Device);
        trainer.ResolveLossNetwork(request.Options);
        return new TrainingJob(trainer, request, UserStyles, styleId, title ?? styleId);
    }

    /// <summary>Installs a loss network of the given architecture unless one is installed already.</summary>
    public async Task EnsureLossNetworkAsync(VggArchitecture architecture, CancellationToken ct = default)
    {
        if (InstalledLossNetwork(architecture) is not null) return;
        var candidates = LossNetworks(architecture).ToList();
        if (candidates.Count == 0) throw new ModelInstallException($"The catalogue has no {architecture} loss network.");
        ModelInstallException? last = null;
        foreach (var candidate in candidates)
        {
            try
            {
                await Models.InstallAsync(candidate.Id, null, ct);
                return;
            }
            catch (ModelInstallException e)
            {
                last = e;
            }
        }
        throw last!;
    }

    /// <summary>The result of a finished job, or a <see cref="JobFailedException"/> saying why there is none.</summary>
    public static T ResultOf<T>(JobSnapshot job) =>
        job.Status == JobStatus.Succeeded && job.Result is T result ? result : throw new JobFailedException(job);

    public void Dispose()
    {
        Jobs.JobChanged -= CountPreviews;
        Jobs.Dispose();
        _fast.Dispose();
    }

    /// <summary>
    /// The loss networks of an architecture: installed or mirrored ones before downloads, then complete ones
    /// before partial ones (a partial VGG16 serves only shallow layers).
    /// </summary>
    private IEnumerable<ModelEntry> LossNetworks(VggArchitecture architecture) =>
        Catalog.Models
            .Where(m => m.Kind == ModelKind.LossNetwork && string.Equals(m.Architecture, architecture.ToString(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => Models.IsInstalled(m.Id) || Models.IsMirrored(m.Id) ? 0 : 1)
            .ThenBy(m => m.DeepestLayer is null ? 0 : 1);

    private ModelEntry? InstalledLossNetwork(VggArchitecture architecture) =>
        LossNetworks(architecture).FirstOrDefault(m => Models.IsInstalled(m.Id));

    private VggWeightSource? InstalledLossNetworkSource(VggArchitecture architecture) =>
        InstalledLossNetwork(architecture) is null ? null : LossNetwork(architecture);

    private VggWeightSource LossNetwork(VggArchitecture architecture)
    {
        var entry = InstalledLossNetwork(architecture)
            ?? throw new ModelInstallException($"No {architecture} loss network is installed; run 'stylegallery models install' for one.");
        // The catalogue's validator requires conventions of every network.
        return new VggWeightSource(Models.PathOf(entry.Id), ToVggConventions(entry.Conventions!));
    }

    private static VggWeightConventions ToVggConventions(WeightConventions c) => new(
        c.Naming == WeightNaming.Torchvision ? VggNaming.Torchvision : VggNaming.Caffe,
        (float)c.InputScale,
        c.Mean.Select(v => (float)v).ToArray(),
        c.Std.Select(v => (float)v).ToArray());

    private ModelEntry RequireFastStyle(string styleId)
    {
        var entry = Catalog.Get(styleId);
        if (entry.Kind != ModelKind.FastStyle) throw new ArgumentException($"'{styleId}' is a {entry.Kind} model, not a fast style.", nameof(styleId));
        return entry;
    }

    /// <summary>Trained styles whose id no catalogue model has (a file put there by hand could collide).</summary>
    private IEnumerable<UserStyleEntry> TrainedStyles() => UserStyles.List().Where(e => !Catalog.Contains(e.Id));

    private FastStyleInfo CatalogueStyle(ModelEntry entry) => new(
        entry.Id, entry.Painting?.Title ?? entry.Title, entry.Painting?.Artist, entry.Painting?.Year, entry.Licence,
        FastStyleOrigin.Catalogue, Models.IsInstalled(entry.Id));

    private static FastStyleInfo TrainedStyle(UserStyleEntry entry) => new(
        entry.Id, entry.Title, null, null, $"Trained here from {entry.StyleImage}", FastStyleOrigin.User, IsInstalled: true);

    /// <summary>Catalogue ids resolve to pretrained files; any other id to a network trained here, whose file records its architecture.</summary>
    private FastNetworkSource NetworkOf(string styleId) =>
        Catalog.Contains(styleId)
            ? FastNetworkSource.Pretrained(Models.PathOf(styleId))
            : new FastNetworkSource(UserStyles.PathOf(styleId), TrainedStyleFile.LoadNetwork);
}
