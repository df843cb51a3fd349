using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// What a page or a hub client learns about a job at one moment: small on purpose. Pictures are not pushed;
/// <see cref="PreviewVersion"/> tells the client to fetch the newest one from <see cref="PreviewUrl"/>.
/// </summary>
public sealed record JobUpdate(
    string JobId,
    string Status,
    int? QueuePosition,
    int Step,
    int TotalSteps,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, double> Metrics,
    int PreviewVersion,
    string? Error)
{
    public bool IsFinished => Status is nameof(JobStatus.Succeeded) or nameof(JobStatus.Failed) or nameof(JobStatus.Cancelled);

    /// <summary>Changes whenever a newer picture exists, so the browser refetches it (the final one included).</summary>
    public string PreviewUrl => $"/jobs/{JobId}/preview.png?v={PreviewVersion}{(IsFinished ? "-final" : "")}";

    /// <summary>Seconds left, extrapolated from the pace so far; null before the first step or when the length is unknown.</summary>
    public double? EtaSeconds => Step > 0 && TotalSteps > Step ? ElapsedSeconds / Step * (TotalSteps - Step) : null;

    public static JobUpdate From(JobSnapshot job, int previewVersion) => new(
        job.Id,
        job.Status.ToString(),
        job.QueuePosition,
        job.Progress?.Step ?? 0,
        job.Progress?.TotalSteps ?? 0,
        job.Progress?.Elapsed.TotalSeconds ?? 0,
        job.Progress?.Metrics ?? new Dictionary<string, double>(),
        previewVersion,
        job.Error);
}
