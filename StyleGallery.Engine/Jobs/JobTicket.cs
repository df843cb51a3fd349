namespace StyleGallery.Engine.Jobs;

/// <summary>
/// The receipt for a submitted job. <paramref name="Completion"/> never faults: it completes with the final
/// snapshot whether the job succeeded, failed or was cancelled.
/// </summary>
public sealed record JobTicket(string Id, Task<JobSnapshot> Completion);
