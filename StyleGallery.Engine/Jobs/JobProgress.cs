namespace StyleGallery.Engine.Jobs;

/// <summary>
/// How far a running job has got. <paramref name="TotalSteps"/> is 0 when the job cannot know its length.
/// <paramref name="Losses"/> are an optimisation's or a training's loss terms; <paramref name="Rate"/> is what the job
/// gets through per second (frames for a video, images for a training); <paramref name="Remaining"/> the job's own
/// estimate of the time left, when it has a better one than the pace so far.
/// </summary>
public sealed record JobProgress(
    int Step,
    int TotalSteps,
    TimeSpan Elapsed,
    StepLosses? Losses = null,
    double? Rate = null,
    TimeSpan? Remaining = null,
    string? Message = null)
{
    /// <summary>Step / TotalSteps in 0..1, or null when the length is unknown.</summary>
    public double? Fraction => TotalSteps > 0 ? Math.Clamp((double)Step / TotalSteps, 0, 1) : null;
}
