using Microsoft.EntityFrameworkCore;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Data;

/// <summary>
/// The engine's job store in the app's database (SQLite or PostgreSQL): one <see cref="JobRow"/> per durable job, one
/// short-lived context per call. Status changes are single UPDATE statements, so two writers never lose each other's
/// change and a finished row is never reopened.
/// </summary>
public sealed class EfJobStore(IDbContextFactory<StyleGalleryDb> databases) : IJobStore
{
    public async Task AddAsync(StoredJob job, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        db.Jobs.Add(new JobRow
        {
            Id = job.Id,
            Kind = job.Kind,
            Status = job.Status,
            Request = job.Request,
            Attempts = job.Attempts,
            CreatedAt = job.CreatedAt,
            Error = job.Error,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Jobs.Where(j => j.Id == id).ExecuteDeleteAsync(ct);
    }

    public async Task<StoredJob?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking()
            .Where(j => j.Id == id)
            .Select(j => new { j.Id, j.Kind, j.Status, j.Request, j.Attempts, j.CreatedAt, j.Error, j.FinishedAt })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new StoredJob(row.Id, row.Kind, row.Status, row.Request, row.Attempts, row.CreatedAt, row.Error, row.FinishedAt);
    }

    public async Task<int> CountQueuedAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Jobs.CountAsync(j => j.Status == JobStatus.Queued, ct);
    }

    public async Task<bool> CancelQueuedAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Queued).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Cancelled)
            .SetProperty(j => j.FinishedAt, now), ct) == 1;
    }

    public async Task<IReadOnlyList<StoredJob>> UnfinishedAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var rows = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.Kind, j.Status, j.Request, j.Attempts, j.CreatedAt, j.Error })
            .ToListAsync(ct);
        return rows.Select(j => new StoredJob(j.Id, j.Kind, j.Status, j.Request, j.Attempts, j.CreatedAt, j.Error)).ToList();
    }

    public async Task<int> MarkRunningAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var marked = await Unfinished(db, id).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Running)
            .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
        return marked == 0 ? 0 : await db.Jobs.Where(j => j.Id == id).Select(j => j.Attempts).SingleAsync(ct);
    }

    public async Task RequeueAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Jobs.Where(j => j.Id == id && j.Status == JobStatus.Running).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.Attempts, j => j.Attempts > 0 ? j.Attempts - 1 : 0), ct);
    }

    public async Task SaveCheckpointAsync(string id, JobCheckpoint checkpoint, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await Unfinished(db, id).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.CheckpointStep, checkpoint.Step)
            .SetProperty(j => j.Checkpoint, checkpoint.Data), ct);
    }

    public async Task<JobCheckpoint?> CheckpointAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var row = await db.Jobs.AsNoTracking().Where(j => j.Id == id)
            .Select(j => new { j.CheckpointStep, j.Checkpoint }).SingleOrDefaultAsync(ct);
        return row is { CheckpointStep: { } step, Checkpoint: { } data } ? new JobCheckpoint(step, data) : null;
    }

    public async Task FinishAsync(string id, JobStatus status, string? error, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        await Unfinished(db, id).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.CheckpointStep, (int?)null)
            .SetProperty(j => j.Checkpoint, (byte[]?)null), ct);
    }

    /// <summary>The row while it is Queued or Running; a finished row is final.</summary>
    private static IQueryable<JobRow> Unfinished(StyleGalleryDb db, string id) =>
        db.Jobs.Where(j => j.Id == id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running));
}
