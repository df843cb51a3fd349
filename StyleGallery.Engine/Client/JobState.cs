using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Client;

/// <summary>
/// What a host learns about a job at one moment: small on purpose (no pictures; <see cref="PreviewVersion"/> grows when
/// a newer one can be fetched with <see cref="IStyleEngineClient.PreviewAsync"/>).
/// </summary>
/// <param name="QueuePosition">1-based, only while Queued.</param>
/// <param name="Attempt">Which run this is: 1 for the first, more after the process running it died.</param>
/// <param name="ResumedFrom">The checkpoint step this run went on from after a restart; null for a run from the start.</param>
/// <param name="Warnings">What the job wants its asker to know although it went on (photos skipped as unreadable).</param>
/// <param name="Error">Why it failed, in words for the person who asked; only when Failed.</param>
public sealed record JobState(
    string Id,
    JobKind Kind,
    JobStatus Status,
    int? QueuePosition,
    JobProgress? Progress,
    int PreviewVersion,
    int Attempt,
    int? ResumedFrom,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string>? Warnings = null)
{
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
