using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// The engine's mutable bookkeeping for one job. Everything but the preview is read and written under the engine's
/// lock; the preview is swapped atomically so publishing it never waits for anybody.
/// </summary>
internal sealed class JobRecord(string id, IEngineJob job, DateTimeOffset createdAt, bool durable)
{
    // Never disposed: a running job may still hold its token when the record is dropped, and a source without
    // timers owns nothing the GC cannot reclaim.
    private readonly CancellationTokenSource _cancellation = new();
    private RgbImage? _latestPreview;

    public string Id { get; } = id;
    public IEngineJob Job { get; } = job;
    public string Kind { get; } = job.Kind;
    public string Description { get; } = job.Description;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Has a row in the engine's <see cref="IJobStore"/>: its state outlives the process.</summary>
    public bool Durable { get; } = durable;

    /// <summary>Which run of the job this is (1 for the first; more after crashes); 0 while it has not started.</summary>
    public int Attempt { get; set; }

    /// <summary>
    /// What the job warned of, in order (under the engine's lock). Replaced, never changed, so snapshots share it and
    /// two snapshots of an unchanged job are equal.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public void Warn(string warning) => Warnings = [.. Warnings, warning];

    /// <summary>The checkpoint step this run was handed to go on from, or null for a run from the start.</summary>
    public int? ResumedFrom { get; set; }

    /// <summary>Deleted by its owner: dropped with its result and previews as soon as it has finished.</summary>
    public bool ForgetWhenFinished { get; set; }

    /// <summary>Somebody cancelled it, as opposed to the engine shutting down (which leaves a durable job to run again).</summary>
    public bool CancelledByUser { get; private set; }
    public JobStatus Status { get; private set; } = JobStatus.Queued;
    public JobProgress? Progress { get; set; }
    public string? Error { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public object? Result { get; private set; }

    /// <summary>Completes with the final snapshot; continuations never run on the engine thread.</summary>
    public TaskCompletionSource<JobSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken CancellationToken => _cancellation.Token;
    public bool CancellationRequested => _cancellation.IsCancellationRequested;
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    public RgbImage? LatestPreview
    {
        get => Volatile.Read(ref _latestPreview);
        set => Volatile.Write(ref _latestPreview, value);
    }

    /// <summary>CancelAsync runs the job's token callbacks elsewhere, so the caller's lock never runs foreign code.</summary>
    public void RequestCancellation(bool byUser)
    {
        CancelledByUser |= byUser;
        _ = _cancellation.CancelAsync();
    }

    public void MarkRunning(DateTimeOffset now)
    {
        Status = JobStatus.Running;
        StartedAt = now;
    }

    /// <summary>Lets go of the pictures, so a forgotten job's result cannot outlive it through a stray reference.</summary>
    public void DropPictures()
    {
        Result = null;
        LatestPreview = null;
    }

    public void MarkFinished(JobStatus status, object? result, string? error, DateTimeOffset now)
    {
        Status = status;
        Result = result;
        Error = error;
        FinishedAt = now;
    }

    public JobSnapshot ToSnapshot(int? queuePosition) => new(
        Id, Kind, Description, Status, queuePosition, Progress, Error,
        CreatedAt, StartedAt, FinishedAt, Result, HasPreview: LatestPreview is not null, Attempt, ResumedFrom, Warnings);
}
