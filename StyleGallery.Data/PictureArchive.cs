using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>A page of published pictures and how many there are in all.</summary>
public sealed record PicturePage(IReadOnlyList<PictureRecord> Items, int Total);

/// <summary>The picture records: one short-lived DbContext per call, so it is safe from any thread and any component.</summary>
public sealed class PictureArchive(IDbContextFactory<StyleGalleryDb> databases)
{
    public async Task AddAsync(PictureRecord picture, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        db.Pictures.Add(picture);
        await db.SaveChangesAsync(ct);
    }

    public async Task<PictureRecord?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Pictures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    /// <summary>Applies <paramref name="change"/> to the record and saves it; false when there is no such record.</summary>
    public async Task<bool> UpdateAsync(string id, Action<PictureRecord> change, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var picture = await db.Pictures.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (picture is null) return false;
        change(picture);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Everything one browser made, newest first.</summary>
    public async Task<IReadOnlyList<PictureRecord>> ListByOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Pictures.AsNoTracking().Where(p => p.Owner == owner).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Page <paramref name="page"/> (1-based) of the published, finished pictures, newest first.</summary>
    public async Task<PicturePage> PublishedAsync(int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var published = db.Pictures.AsNoTracking().Where(p => p.Published && p.Status == PictureStatus.Succeeded);
        var total = await published.CountAsync(ct);
        var items = await published.OrderByDescending(p => p.CreatedAt).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PicturePage(items, total);
    }

    /// <summary>The engine jobs and owners of optimisations still queued or running: what a restart hands back to the per-browser limit.</summary>
    public async Task<IReadOnlyList<(string JobId, string Owner)>> UnfinishedOptimisationsAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var unfinished = await db.Pictures
            .Where(p => p.Kind == PictureKind.Optimise && p.Owner != null && p.EngineJobId != null)
            .Where(p => p.Status == PictureStatus.Queued || p.Status == PictureStatus.Running)
            .Select(p => new { p.EngineJobId, p.Owner })
            .ToListAsync(ct);
        return unfinished.Select(p => (p.EngineJobId!, p.Owner!)).ToList();
    }

    /// <summary>What one browser's pictures take on disk (<see cref="PictureRecord.Bytes"/>).</summary>
    public async Task<long> BytesOfOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Pictures.Where(p => p.Owner == owner).SumAsync(p => p.Bytes, ct);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> finished pictures past their keeping time, oldest first: cookie-less ones made
    /// before <paramref name="anonymousBefore"/>, and, when <paramref name="unpublishedBefore"/> is given, unpublished
    /// ones of browsers made before it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset anonymousBefore, DateTimeOffset? unpublishedBefore, int limit, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var finished = db.Pictures.Where(p => p.Status != PictureStatus.Queued && p.Status != PictureStatus.Running);
        var expired = unpublishedBefore is { } before
            ? finished.Where(p => (p.Owner == null && p.CreatedAt < anonymousBefore) || (p.Owner != null && !p.Published && p.CreatedAt < before))
            : finished.Where(p => p.Owner == null && p.CreatedAt < anonymousBefore);
        return await expired.OrderBy(p => p.CreatedAt).Take(limit).Select(p => p.Id).ToListAsync(ct);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Pictures.Where(p => p.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// Marks every queued or running picture failed with <paramref name="message"/>, but those in
    /// <paramref name="except"/> (whose jobs run again); returns how many.
    /// </summary>
    public async Task<int> FailUnfinishedAsync(string message, IReadOnlySet<string> except, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var unfinished = await db.Pictures
            .Where(p => p.Status == PictureStatus.Queued || p.Status == PictureStatus.Running)
            .Select(p => p.Id)
            .ToListAsync(ct);
        var interrupted = unfinished.Where(id => !except.Contains(id)).ToList();
        var now = DateTimeOffset.UtcNow;
        return await db.Pictures
            .Where(p => interrupted.Contains(p.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, PictureStatus.Failed)
                .SetProperty(p => p.Error, message)
                .SetProperty(p => p.FinishedAt, now), ct);
    }

    /// <summary>Marks one unfinished picture failed with <paramref name="reason"/>; false when there is none.</summary>
    public async Task<bool> FailAsync(string id, string reason, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return await db.Pictures
            .Where(p => p.Id == id && (p.Status == PictureStatus.Queued || p.Status == PictureStatus.Running))
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, PictureStatus.Failed)
                .SetProperty(p => p.Error, reason)
                .SetProperty(p => p.FinishedAt, now), ct) > 0;
    }
}
