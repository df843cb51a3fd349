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

    /// <summary>
    /// Runs of a durable job that may end with the process dying before the job is failed as a poison job, so a picture
    /// that crashes the server cannot crash it forever.
    /// </summary>
    public int MaxAttempts { get; init => field = AtLeastOne(value); } = 3;

    private static int AtLeastOne(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        return value;
    }
}
