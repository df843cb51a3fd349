using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Storage;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Hosting;

/// <summary>A job that ended without a result; its message is written for the person who asked.</summary>
public sealed class JobFailedException(JobStatus status, string? error)
    : Exception(status == JobStatus.Cancelled ? "The job was cancelled." : error ?? "The job failed.")
{
    public JobFailedException(JobSnapshot job) : this(job.Status, job.Error) { }

    /// <summary>Failed or Cancelled.</summary>
    public JobStatus Status { get; } = status;

    /// <summary>Why it failed, as the engine said it; null when cancelled.</summary>
    public string? Error { get; } = error;
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
    private readonly JobPictures? _pictures;

    /// <param name="store">Where durable jobs live between processes; null: every job lives only in memory (the CLI).</param>
    /// <param name="pictures">
    /// Where an engine worker writes the pictures of durable jobs for the web nodes; null in a process that serves its
    /// own pictures from memory.
    /// </param>
    public StyleGalleryEngine(EngineSettings settings, ILoggerFactory? loggerFactory = null, HttpClient? http = null,
        IJobStore? store = null, TimeProvider? time = null, JobPictures? pictures = null)
    {
        _pictures = pictures;
        loggerFactory ??= NullLoggerFactory.Instance;
        Settings = settings;
        _logger = loggerFactory.CreateLogger<StyleGalleryEngine>();
        Runtime = TorchRuntime.Detect(_logger, settings.Threads);
        Catalogue = new StyleCatalogue(settings, http);
        DecodeBudget.Shared.Configure(settings.DecodeBudgetPixels, settings.DecodeBudgetWait);
        var options = new EngineOptions { QueueCapacity = settings.QueueCapacity, MaxAttempts = settings.MaxAttempts };
        Jobs = new StyleEngine(Runtime, options, loggerFactory.CreateLogger<StyleEngine>(), store);
        Cameras = new CameraStreams(time ?? TimeProvider.System);
        _fast = FastStylizer.ForNetworks(Catalogue.NetworkOf, Runtime.Device);
        _gatys = new GatysStylizer(Catalogue.LossNetwork);
        Jobs.JobChanged += CountPreviews;
    }

    public EngineSettings Settings { get; }
    public TorchRuntime Runtime { get; }
    internal StyleEngine Jobs { get; }
    internal CameraStreams Cameras { get; }

    /// <summary>The styles and models this engine paints with; a web node in front of workers makes its own over the same folder.</summary>
    public StyleCatalogue Catalogue { get; }

    internal ModelCatalog Catalog => Catalogue.Catalog;
    internal ModelInstaller Models => Catalogue.Models;
    internal UserStyles UserStyles => Catalogue.UserStyles;

    public IReadOnlyList<FastStyleInfo> FastStyles() => Catalogue.FastStyles();

    /// <inheritdoc cref="StyleCatalogue.FastStyle"/>
    public FastStyleInfo FastStyle(string styleId) => Catalogue.FastStyle(styleId);

    public IReadOnlyList<ModelEntry> PaintingOnlyStyles() => Catalogue.PaintingOnlyStyles();

    public string? PaintingIdOf(string styleId) => Catalogue.PaintingIdOf(styleId);

    internal string? PaintingPathOf(string id) => Catalogue.PaintingPathOf(id);

    public IReadOnlyList<ModelEntry> StartupModels() => Catalogue.StartupModels();

    /// <inheritdoc cref="StyleCatalogue.EnsureInstalledAsync"/>
    public Task EnsureInstalledAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default) =>
        Catalogue.EnsureInstalledAsync(modelId, progress, ct);

    /// <inheritdoc cref="StyleCatalogue.EnsureLossNetworkAsync"/>
    public Task EnsureLossNetworkAsync(VggArchitecture architecture, CancellationToken ct = default) =>
        Catalogue.EnsureLossNetworkAsync(architecture, ct);

    /// <summary>Queues a fast stylisation with a catalogue or trained style, installing a catalogue network first if needed.</summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal Task<JobTicket> SubmitFastAsync(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default) =>
        SubmitFastAsync(content, styleId, options, transient: false, camera: null, ct);

    /// <summary>
    /// Queues one frame of a live camera: a fast stylisation the engine forgets once the picture is handed over, so a
    /// stream of frames does not fill its retained finished jobs. With the camera's <paramref name="camera"/> stream
    /// (one per camera) the frame follows the camera's motion; <paramref name="sequence"/> is its number in the camera,
    /// so a frame overtaken by a later one does not move the stream back (<see cref="CameraStream.Next"/>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">No fast style has this id.</exception>
    /// <exception cref="QueueFullException">The engine is busy.</exception>
    internal Task<JobTicket> SubmitLiveFrameAsync(RgbImage frame, string styleId, FastStyleOptions options, CameraStream? camera = null, long? sequence = null, CancellationToken ct = default) =>
        SubmitFastAsync(frame, styleId, options, transient: true, camera, ct, sequence: sequence);

    private async Task<JobTicket> SubmitFastAsync(RgbImage content, string styleId, FastStyleOptions options, bool transient, CameraStream? camera, CancellationToken ct,
        Action<TileProgress>? onTile = null, long? sequence = null)
    {
        if (FastStyle(styleId).Origin == FastStyleOrigin.Catalogue) await EnsureInstalledAsync(styleId, null, ct);
        return Jobs.Submit(new FastStyleJob(_fast, content, styleId, options, transient, camera, onTile, sequence));
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
    /// A print (<see cref="PrintRequest"/>): its problems and its photo's header checked (<see cref="PrintJob.PrintSizeOf"/>:
    /// too large a file, a decompression bomb, no picture), the style's network installed first if it is the catalogue's.
    /// </summary>
    private async Task<PrintJob> PrintJobAsync(PrintRequest request, CancellationToken ct)
    {
        Refuse(request.Problems());
        CheckPrintPhoto(request);
        if (FastStyle(request.StyleId).Origin == FastStyleOrigin.Catalogue) await EnsureInstalledAsync(request.StyleId, null, ct);
        return new PrintJob(_fast, request);
    }

    /// <exception cref="EngineRequestException">The photo cannot be read or is beyond the print's limits.</exception>
    internal static void CheckPrintPhoto(PrintRequest request)
    {
        try
        {
            PrintJob.PrintSizeOf(request);
        }
        catch (ImageDecodeException e)
        {
            throw new EngineRequestException(MessagePaths.ToFileNames(e.Message), e);
        }
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
        var trainer = new FastStyleTrainer(Catalogue.InstalledLossNetworkSource, Runtime.Device);
        trainer.ResolveLossNetwork(request.Options);
        return new TrainingJob(trainer, request, UserStyles, styleId, title ?? styleId);
    }

    /// <summary>
    /// A distillation of a fast style's live version (<see cref="StyleCatalogue.CheckDistillation"/> says what is refused),
    /// with the teacher's network installed first and its painting found for the live version's card.
    /// </summary>
    private async Task<DistillationJob> DistillationJobAsync(DistillRequest request, bool fresh, CancellationToken ct)
    {
        var teacher = Catalogue.CheckDistillation(request, fresh);
        if (teacher.Origin == FastStyleOrigin.Catalogue) await EnsureInstalledAsync(teacher.Id, null, ct);
        var painting = await Catalogue.TeacherPaintingAsync(teacher.Id, ct);
        return new DistillationJob(new LiteDistiller(Runtime.Device, _logger), request, Catalogue.NetworkOf(teacher.Id), teacher.Title, painting, UserStyles);
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
}
