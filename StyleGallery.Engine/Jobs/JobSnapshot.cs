namespace StyleGallery.Engine.Jobs;

/// <summary>
/// An immutable picture of one job at one moment. <paramref name="QueuePosition"/> is 1-based and set only while
/// Queued; <paramref name="Error"/> only when Failed; <paramref name="Result"/> is what Run returned (kept even when
/// a cancelled job returned something, e.g. the image an optimiser had reached); <paramref name="Attempt"/> counts the runs of a
/// durable job, crashes included (0 before the first); <paramref name="ResumedFrom"/> the checkpoint step the run went on from.
/// </summary>
public sealed record JobSnapshot(
    string Id,
    string Kind,
    string Description,
    JobStatus Status,
    int? QueuePosition,
    JobProgress? Progress,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    object? Result,
    bool HasPreview,
    int Attempt = 0,
    int? ResumedFrom = null,
    IReadOnlyList<string>? Warnings = null)
{
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
