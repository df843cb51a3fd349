namespace StyleGallery.Engine.Jobs;

/// <summary>Something happened to a job; <paramref name="Job"/> is its state right after.</summary>
public sealed record JobEvent(JobEventKind Kind, JobSnapshot Job);
