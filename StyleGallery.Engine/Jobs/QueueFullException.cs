namespace StyleGallery.Engine.Jobs;

/// <summary>The engine refused a job because its queue is full; nothing already queued was affected.</summary>
public sealed class QueueFullException(int waiting, int limit)
    : InvalidOperationException($"The engine is busy: {waiting} {(waiting == 1 ? "job is" : "jobs are")} waiting (limit {limit}). Try again in a moment.")
{
    public int Waiting { get; } = waiting;

    public int Limit { get; } = limit;
}
