using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Training;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// Queues training jobs on the engine: the style's painting (<see cref="PaintingFiles"/>) over the configured folder of
/// photos (<see cref="StyleGalleryWebOptions.TrainingPhotosDirectory"/>), each within its budget of engine time
/// (<see cref="JobBudgets"/>), started as every browser's style job is (<see cref="StyleJobStarter"/>: one on its way per
/// browser, recorded as its trainer's, private to that browser until published, and deletable by it). The engine keeps a copy of the painting beside the trained network, so the new style shows
/// it in the gallery.
/// </summary>
public sealed class TrainingLauncher(
    IStyleEngineClient engine,
    PaintingFiles paintings,
    JobBudgets budgets,
    StyleJobStarter starter,
    StyleGalleryWebOptions options,
    ILogger<TrainingLauncher> logger) : ITrainingLauncher
{
    private readonly LaunchedTrainings _launched = new(async (jobId, ct) => await engine.GetAsync(jobId, ct) is not null);

    public IReadOnlyList<TrainingPreset> Presets => TrainingPreset.Defaults;

    public string? WhyUnavailable(string styleId)
    {
        if (options.TrainingPhotosDirectory is not { } photos || !Directory.Exists(photos))
            return "Training needs a folder of photos, and none is configured here (setting StyleGallery:TrainingPhotosDirectory).";
        return paintings.HasPainting(styleId) ? null : "This style has no painting to learn from.";
    }

    public async Task<StyleName> CheckNameAsync(string title, CancellationToken cancellationToken = default)
    {
        var name = StyleName.From(title);
        if (!name.IsValid) return name;
        if (engine.IsStyleIdTaken(name.Id)) return name.Taken($"A style called “{name.Id}” exists already; choose another name.");
        return await IsBeingTrainedAsync(name.Id, cancellationToken)
            ? name.Taken($"A style called “{name.Id}” is being trained right now; choose another name.")
            : name;
    }

    public Task<LaunchedTraining> StartAsync(string fromStyleId, string title, TrainingOptions training, string? owner, CancellationToken cancellationToken) =>
        starter.StartAsync(owner, JobKind.Train, "Training a style needs this site's cookie: it is how your styles stay yours.", NotInstalled,
            () => PlanAsync(fromStyleId, title, training, owner, cancellationToken), _launched, cancellationToken);

    private const string NotInstalled = "Training needs a VGG loss network, and none is installed or could be installed right now.";

    private async Task<StyleJobPlan> PlanAsync(string fromStyleId, string title, TrainingOptions training, string? owner, CancellationToken cancellationToken)
    {
        if (WhyUnavailable(fromStyleId) is { } reason) throw new UserFacingException(reason);
        budgets.CheckTrain(training, PhotoCount(), owner);
        var name = await CheckNameAsync(title, cancellationToken);
        if (name.Problem is { } problem) throw new UserFacingException(problem);
        var painting = await EngineRefusals.AskAsync(() => paintings.FindAsync(fromStyleId, cancellationToken), NotInstalled, logger)
            ?? throw new UserFacingException("This style has no painting to learn from.");
        // The engine writes the network among its trained styles, whatever OutputPath says; a file name (not "") keeps
        // the request serialisable into the job store, whose JSON includes the checkpoint folder derived from it.
        var output = name.Id + ".safetensors";
        var jobId = JobIds.New();
        var request = new TrainRequest(name.Id, name.Title, new TrainingRequest(painting, options.TrainingPhotosDirectory!, output, training)) { JobId = jobId };
        return new StyleJobPlan(new LaunchedTraining(jobId, name.Id, name.Title, fromStyleId, owner), request);
    }

    public LaunchedTraining? Find(string jobId) => _launched.Find(jobId);

    /// <summary>The files of the photo folder: how long an epoch is, for <see cref="JobCost.Train"/>.</summary>
    private int PhotoCount() => Directory.EnumerateFiles(options.TrainingPhotosDirectory!).Count();

    public async Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default) =>
        Find(jobId) is { Owner: { } startedBy } && startedBy == owner && await engine.CancelAsync(jobId, cancellationToken);

    private async Task<bool> IsBeingTrainedAsync(string styleId, CancellationToken cancellationToken)
    {
        foreach (var launched in _launched.All.Where(l => l.StyleId == styleId))
        {
            if (await engine.GetAsync(launched.JobId, cancellationToken) is { Status: JobStatus.Queued or JobStatus.Running }) return true;
        }
        return false;
    }
}
