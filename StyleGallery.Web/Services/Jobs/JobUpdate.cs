using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// What a page or a hub client learns about a job at one moment: the engine's <see cref="JobState"/> flattened into
/// plain fields, so it serialises for scripts as it always did (<c>status</c> as its name, times in seconds). Pictures
/// are not pushed; <see cref="PreviewVersion"/> tells the client to fetch the newest one from <see cref="PreviewUrl"/>.
/// </summary>
/// <param name="Losses">The newest loss terms of an optimisation or a training.</param>
/// <param name="Rate">What the job gets through per second: frames for a video, images for a training.</param>
/// <param name="RemainingSeconds">The job's own estimate of the time left, when it makes one (a training does).</param>
/// <param name="Attempt">Which run this is: more than 1 after the server died while it ran.</param>
/// <param name="ResumedFrom">The checkpoint step a run after a restart went on from.</param>
/// <param name="Message">What the job says it is doing, in words ("Painting tile 3 of 16"); null when it says nothing.</param>
public sealed record JobUpdate(
    string JobId,
    JobKind Kind,
    JobStatus Status,
    int? QueuePosition,
    int Step,
    int TotalSteps,
    double ElapsedSeconds,
    StepLosses? Losses,
    double? Rate,
    double? RemainingSeconds,
    int PreviewVersion,
    string? Error,
    int Attempt = 1,
    int? ResumedFrom = null,
    string? Message = null)
{
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Changes whenever a newer picture exists, so the browser refetches it (the final one included).</summary>
    public string PreviewUrl => $"/jobs/{JobId}/preview.png?v={PreviewVersion}{(IsFinished ? "-final" : "")}";

    /// <summary>
    /// The finished picture as WebP, for pages that show it large (a fifth of the PNG's bytes); null until the job
    /// succeeded. Running previews stay PNG: small, frequent, and lossless as the optimisation sees them.
    /// </summary>
    public string? ViewUrl => Status == JobStatus.Succeeded ? $"/jobs/{JobId}/preview.webp?v={PreviewVersion}-final" : null;

    /// <summary>
    /// Seconds left: the job's own estimate, else extrapolated from the pace so far; null once finished, before the first
    /// step, or when the length is unknown.
    /// </summary>
    public double? EtaSeconds => IsFinished ? null
        : RemainingSeconds is > 0 ? RemainingSeconds
        : Step > 0 && TotalSteps > Step ? ElapsedSeconds / Step * (TotalSteps - Step) : null;

    /// <summary>
    /// Whether this update may replace <paramref name="shown"/>: updates of one job can reach a page out of order (the
    /// state read at subscription races the first pushed one), and a page must not step back.
    /// </summary>
    public bool Supersedes(JobUpdate? shown) =>
        shown is null || Stage(Status) > Stage(shown.Status)
        || (Stage(Status) == Stage(shown.Status) && !shown.IsFinished && Step >= shown.Step && PreviewVersion >= shown.PreviewVersion);

    public static JobUpdate From(JobState state) => new(
        state.Id,
        state.Kind,
        state.Status,
        state.QueuePosition,
        state.Progress?.Step ?? 0,
        state.Progress?.TotalSteps ?? 0,
        state.Progress?.Elapsed.TotalSeconds ?? 0,
        state.Progress?.Losses,
        state.Progress?.Rate,
        state.Progress?.Remaining?.TotalSeconds,
        state.PreviewVersion,
        state.Error,
        state.Attempt,
        state.ResumedFrom,
        state.Progress?.Message);

    private static int Stage(JobStatus status) => status switch
    {
        JobStatus.Queued => 0,
        JobStatus.Running => 1,
        _ => 2,
    };
}
