namespace StyleGallery.Engine.Jobs;

/// <summary>Where a job is in its life: Queued, then Running, then exactly one of the three finished states.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
