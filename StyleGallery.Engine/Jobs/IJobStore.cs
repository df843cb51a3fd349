namespace StyleGallery.Engine.Jobs;

/// <summary>
/// Where durable jobs live between processes: one row per job a person asked for, written before the job is queued,
/// so a crash loses nothing. The engine moves a row Queued → Running → Succeeded/Failed/Cancelled and keeps its
/// latest checkpoint there; after a restart the host re-queues what <see cref="UnfinishedAsync"/> returns.
/// The web app keeps the rows in its database (SQLite or PostgreSQL); the CLI runs without a store.
/// </summary>
public interface IJobStore
{
    /// <summary>Adds a new row, Queued, with no attempts.</summary>
    Task AddAsync(StoredJob job, CancellationToken ct = default);

    /// <summary>Removes a row whose job the engine refused (a full queue), so it never runs later.</summary>
    Task DeleteAsync(string id, CancellationToken ct = default);

    /// <summary>The row, or null when there is none (never added, refused, or deleted by its owner).</summary>
    Task<StoredJob?> FindAsync(string id, CancellationToken ct = default);

    /// <summary>How many rows wait to run: engine workers behind a queue refuse new jobs by this count.</summary>
    Task<int> CountQueuedAsync(CancellationToken ct = default);

    /// <summary>
    /// Ends a row that is still Queued as Cancelled, so no process starts it; false when it is not Queued (a process
    /// runs it, it has finished, or there is no such row).
    /// </summary>
    Task<bool> CancelQueuedAsync(string id, CancellationToken ct = default);

    /// <summary>Every Queued or Running row, oldest first.</summary>
    Task<IReadOnlyList<StoredJob>> UnfinishedAsync(CancellationToken ct = default);

    /// <summary>
    /// Marks the row Running and counts one more attempt; returns the attempt's number (1 for the first run), or 0 when
    /// the row has finished (cancelled while it waited) or is gone (deleted): then the job must not run.
    /// </summary>
    Task<int> MarkRunningAsync(string id, CancellationToken ct = default);

    /// <summary>Puts a row that was running back to Queued without counting the attempt: the process stopped on purpose.</summary>
    Task RequeueAsync(string id, CancellationToken ct = default);

    /// <summary>Replaces the row's checkpoint.</summary>
    Task SaveCheckpointAsync(string id, JobCheckpoint checkpoint, CancellationToken ct = default);

    /// <summary>The row's latest checkpoint, or null.</summary>
    Task<JobCheckpoint?> CheckpointAsync(string id, CancellationToken ct = default);

    /// <summary>Ends the row in <paramref name="status"/> (Succeeded, Failed or Cancelled) and drops its checkpoint.</summary>
    Task FinishAsync(string id, JobStatus status, string? error, CancellationToken ct = default);
}

/// <summary>A durable job's row: what to run (<paramref name="Request"/>, the serialised request), and how far it got.</summary>
/// <param name="Attempts">How many times a process started running it.</param>
public sealed record StoredJob(
    string Id,
    string Kind,
    JobStatus Status,
    byte[] Request,
    int Attempts,
    DateTimeOffset CreatedAt,
    string? Error = null,
    DateTimeOffset? FinishedAt = null);

/// <summary>
/// Where a job can go on from after a crash: the step it had reached and whatever the job needs to continue
/// (an optimisation's picture as PNG, a training's checkpoint file name).
/// </summary>
public sealed record JobCheckpoint(int Step, byte[] Data);
