namespace StyleGallery.Engine.Jobs;

/// <summary>Every tunable of <see cref="StyleEngine"/>, with its default.</summary>
public sealed record EngineOptions
{
    /// <summary>Jobs allowed to wait behind the running one; one more is refused with <see cref="QueueFullException"/>.</summary>
    public int QueueCapacity { get; init => field = AtLeastOne(value); } = 16;

    /// <summary>Finished jobs whose snapshots (and results) stay in memory; older ones are forgotten.</summary>
    public int RetainedFinishedJobs { get; init => field = AtLeastOne(value); } = 256;

    /// <summary>How long disposing waits for a cancelled job to notice before giving up on joining its thread.</summary>
    public TimeSpan ShutdownTimeout { get; init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), value, "Must be positive."); } = TimeSpan.FromSeconds(30);

    private static int AtLeastOne(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        return value;
    }
}
