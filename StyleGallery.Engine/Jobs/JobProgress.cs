namespace StyleGallery.Engine.Jobs;

/// <summary>
/// How far a running job has got. <paramref name="TotalSteps"/> is 0 when the job cannot know its length.
/// <paramref name="Metrics"/> carries named numbers worth plotting (content loss, style loss, ...).
/// </summary>
public sealed record JobProgress(
    int Step,
    int TotalSteps,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, double>? Metrics = null,
    string? Message = null)
{
    /// <summary>Step / TotalSteps in 0..1, or null when the length is unknown.</summary>
    public double? Fraction => TotalSteps > 0 ? Math.Clamp((double)Step / TotalSteps, 0, 1) : null;
}
