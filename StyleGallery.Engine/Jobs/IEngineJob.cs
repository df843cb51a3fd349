namespace StyleGallery.Engine.Jobs;

/// <summary>
/// One unit of work for <see cref="StyleEngine"/>: a stylisation, a Gatys optimisation, a training run, a video.
/// New kinds of work are new implementations; the engine never needs to know them.
/// </summary>
public interface IEngineJob
{
    /// <summary>A short stable name for the kind of work ("fast", "gatys", "train", ...), for listings and logs.</summary>
    string Kind { get; }

    /// <summary>One line a person can read: what this job will make.</summary>
    string Description { get; }

    /// <summary>
    /// A short job someone is waiting for (a one-click fast style). It goes ahead of queued long jobs and runs
    /// between two progress reports of a running long one, so a half-hour training never holds up a one-second picture.
    /// </summary>
    bool Interactive => false;

    /// <summary>
    /// Forgotten as soon as it ends: its result reaches only whoever awaits the ticket. For a stream of small jobs (a
    /// live camera's frames) that would otherwise fill the engine's retained finished jobs with pictures nobody reads.
    /// </summary>
    bool Transient => false;

    /// <summary>
    /// Does the work synchronously on the engine's own thread and returns its result (an image, a file path, ...).
    /// Torch's dispose scopes and grad mode are per thread, so the work must not hop threads (no awaits inside).
    /// Observe <see cref="JobContext.Cancellation"/> between steps; throwing <see cref="OperationCanceledException"/>
    /// ends the job as cancelled. Tensors left undisposed when Run returns are freed by the engine, so return
    /// managed results (e.g. an <c>RgbImage</c>), not tensors.
    /// </summary>
    object? Run(JobContext context);
}
