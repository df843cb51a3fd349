using System.Collections.Concurrent;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

/// <summary>
/// An <see cref="IJobStore"/> in a dictionary, with the same rules as the database one (a finished row is final): for
/// engine tests that need durable jobs without a database. The database store has its own tests on both providers.
/// </summary>
internal sealed class InMemoryJobStore : IJobStore
{
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    public sealed record Row(StoredJob Job, JobCheckpoint? Checkpoint);

    public Row? this[string id] => _rows.GetValueOrDefault(id);

    public IReadOnlyCollection<Row> Rows => _rows.Values.ToList();

    /// <summary>Leaves a row as a crash would: Running, with attempts counted and perhaps a checkpoint.</summary>
    public void Put(StoredJob job, JobCheckpoint? checkpoint = null) => _rows[job.Id] = new Row(job, checkpoint);

    public Task AddAsync(StoredJob job, CancellationToken ct = default)
    {
        if (!_rows.TryAdd(job.Id, new Row(job, null))) throw new InvalidOperationException($"Row {job.Id} exists.");
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string id, CancellationToken ct = default)
    {
        _rows.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<StoredJob?> FindAsync(string id, CancellationToken ct = default) => Task.FromResult(this[id]?.Job);

    public Task<int> CountQueuedAsync(CancellationToken ct = default) =>
        Task.FromResult(_rows.Values.Count(r => r.Job.Status == JobStatus.Queued));

    public Task<bool> CancelQueuedAsync(string id, CancellationToken ct = default)
    {
        while (true)
        {
            if (this[id] is not { Job.Status: JobStatus.Queued } row) return Task.FromResult(false);
            var cancelled = row with { Job = row.Job with { Status = JobStatus.Cancelled, FinishedAt = DateTimeOffset.UtcNow } };
            if (_rows.TryUpdate(id, cancelled, row)) return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredJob>> UnfinishedAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StoredJob>>(_rows.Values.Select(r => r.Job)
            .Where(j => j.Status is JobStatus.Queued or JobStatus.Running).OrderBy(j => j.CreatedAt).ToList());

    public Task<int> MarkRunningAsync(string id, CancellationToken ct = default)
    {
        if (this[id] is not { Job.Status: JobStatus.Queued or JobStatus.Running }) return Task.FromResult(0);
        var row = Update(id, r => r with { Job = r.Job with { Status = JobStatus.Running, Attempts = r.Job.Attempts + 1 } });
        return Task.FromResult(row.Job.Status == JobStatus.Running ? row.Job.Attempts : 0);
    }

    public Task RequeueAsync(string id, CancellationToken ct = default)
    {
        Update(id, r => r with { Job = r.Job with { Status = JobStatus.Queued, Attempts = Math.Max(0, r.Job.Attempts - 1) } });
        return Task.CompletedTask;
    }

    public Task SaveCheckpointAsync(string id, JobCheckpoint checkpoint, CancellationToken ct = default)
    {
        Update(id, r => r with { Checkpoint = checkpoint });
        return Task.CompletedTask;
    }

    public Task<JobCheckpoint?> CheckpointAsync(string id, CancellationToken ct = default) =>
        Task.FromResult(_rows.GetValueOrDefault(id)?.Checkpoint);

    public Task FinishAsync(string id, JobStatus status, string? error, CancellationToken ct = default)
    {
        Update(id, r => new Row(r.Job with { Status = status, Error = error }, null));
        return Task.CompletedTask;
    }

    private Row Update(string id, Func<Row, Row> change)
    {
        while (true)
        {
            var row = _rows[id];
            if (row.Job.Status is not (JobStatus.Queued or JobStatus.Running)) return row;
            var next = change(row);
            if (_rows.TryUpdate(id, next, row)) return next;
        }
    }
}
