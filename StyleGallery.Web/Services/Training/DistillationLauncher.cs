using System.Collections.Concurrent;
using System.Globalization;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// Queues distillations of live versions on the engine (<see cref="DistillRequest"/>) over the training photos
/// (<see cref="StyleGalleryWebOptions.TrainingPhotosDirectory"/>), within the training budget of engine time
/// (<see cref="JobBudgets.CheckDistill"/>), started as every browser's style job is (<see cref="StyleJobStarter"/>: the
/// cookie, the disk and quota, one on its way per browser, the live version recorded as its maker's). The engine makes the
/// final checks (<see cref="Engine.Hosting.StyleCatalogue.CheckDistillation"/>); the ones here say the same earlier, so a
/// card can offer the button or say why not.
/// </summary>
public sealed class DistillationLauncher(
    IStyleEngineClient engine,
    JobBudgets budgets,
    StyleJobStarter starter,
    StyleGalleryWebOptions options,
    ILogger<DistillationLauncher> logger) : IDistillationLauncher
{
    /// <summary>
    /// Crops of 256 px the distillation gets through per second on the idle 2-core development machine: the default 2000
    /// steps of 4 crops took about an hour (docs/lite.md). Other crop sizes scale with their pixels.
    /// </summary>
    public const double CropsPerSecondHere = 2.2;

    private readonly LaunchedTrainings _launched = new(async (jobId, ct) => await engine.GetAsync(jobId, ct) is not null);
    private readonly ConcurrentDictionary<string, LaunchedTraining> _latestByTeacher = new(StringComparer.Ordinal);

    /// <summary>Styles whose live version a request is starting right now: two visitors' clicks at once cannot both pass.</summary>
    private readonly ConcurrentDictionary<string, byte> _starting = new(StringComparer.Ordinal);

    private const string BeingMade = "A live version of this style is being made right now.";

    public DistillationOptions Options { get; } = new();

    public string ExpectedDuration(DistillationOptions distillation)
    {
        var seconds = distillation.Steps * (double)distillation.BatchSize * Math.Pow(distillation.CropSize / 256.0, 2) / CropsPerSecondHere;
        return seconds switch
        {
            < 90 => "about a minute",
            < 90 * 60 => string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(seconds / 60):0} minutes"),
            < 2 * 3600 => "about an hour and a half",
            _ => string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(seconds / 3600):0} hours"),
        };
    }

    public string? WhyUnavailable(string styleId)
    {
        if (options.TrainingPhotosDirectory is not { } photos || !Directory.Exists(photos))
            return "A live version learns from a folder of photos, and none is configured here (setting StyleGallery:TrainingPhotosDirectory).";
        if (engine.FastStyles().FirstOrDefault(s => s.Id == styleId) is not { } style)
            return "Only a style with a fast network can have a live version: make it a fast style first.";
        if (style.TeacherId is not null) return "This is a live version already.";
        if (style.LiteVersionId is not null)
            return $"“{style.Title}” has a live version already; if it is not in your gallery, it is another visitor's until they publish it.";
        var id = DistillRequest.LiteIdOf(styleId);
        return engine.IsStyleIdTaken(id) ? $"A style called “{id}” exists already, so the live version cannot take that name." : null;
    }

    public async Task<LaunchedTraining> StartAsync(string styleId, DistillationOptions distillation, string? owner, CancellationToken cancellationToken)
    {
        var claimed = false;
        try
        {
            var launched = await starter.StartAsync(owner, JobKind.Distill, "Making a live version needs this site's cookie: it is how your styles stay yours.",
                "The style's network is not installed and could not be installed right now.",
                () => PlanAsync(styleId, distillation, owner, () => claimed = true, cancellationToken), _launched, cancellationToken);
            _latestByTeacher[styleId] = launched;
            return launched;
        }
        finally
        {
            if (claimed) _starting.TryRemove(styleId, out _);
        }
    }

    /// <param name="claim">Called once this start holds the style's claim (no other start of its live version can pass until it ends).</param>
    private async Task<StyleJobPlan> PlanAsync(string styleId, DistillationOptions distillation, string? owner, Action claim, CancellationToken cancellationToken)
    {
        if (WhyUnavailable(styleId) is { } reason) throw new UserFacingException(reason);
        if (!_starting.TryAdd(styleId, 0)) throw new UserFacingException(BeingMade);
        claim();
        if (await IsBeingMadeAsync(styleId, cancellationToken)) throw new UserFacingException(BeingMade);
        budgets.CheckDistill(distillation, owner);
        var jobId = JobIds.New();
        var liteId = DistillRequest.LiteIdOf(styleId);
        var teacher = engine.FastStyles().First(s => s.Id == styleId);
        var request = new DistillRequest(styleId, liteId, options.TrainingPhotosDirectory!, distillation) { JobId = jobId };
        logger.LogInformation("Making the live version {LiteId} of {StyleId}", liteId, styleId);
        return new StyleJobPlan(new LaunchedTraining(jobId, liteId, Engine.Training.UserStyles.LiteTitle(teacher.Title), styleId, owner), request);
    }

    private async Task<bool> IsBeingMadeAsync(string styleId, CancellationToken cancellationToken) =>
        LatestFor(styleId) is { } latest && await engine.GetAsync(latest.JobId, cancellationToken) is { IsFinished: false };

    public LaunchedTraining? Find(string jobId) => _launched.Find(jobId);

    public LaunchedTraining? LatestFor(string styleId) => _latestByTeacher.GetValueOrDefault(styleId);

    public async Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default) =>
        Find(jobId) is { Owner: { } startedBy } && startedBy == owner && await engine.CancelAsync(jobId, cancellationToken);
}
