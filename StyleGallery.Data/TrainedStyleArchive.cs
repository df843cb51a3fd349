using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>The owners of trained styles (<see cref="TrainedStyleRecord"/>); one short-lived DbContext per call.</summary>
public sealed class TrainedStyleArchive(IDbContextFactory<StyleGalleryDb> databases)
{
    /// <summary>Records a training's owner; a record left under the same id by a training that never finished is replaced.</summary>
    public async Task RecordAsync(TrainedStyleRecord style, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.TrainedStyles.Where(s => s.StyleId == style.StyleId).ExecuteDeleteAsync(ct);
        db.TrainedStyles.Add(style);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every record, by style id (synchronous: the style list is built synchronously by the pages).</summary>
    public IReadOnlyDictionary<string, TrainedStyleRecord> ByStyleId(IReadOnlyCollection<string> styleIds)
    {
        if (styleIds.Count == 0) return new Dictionary<string, TrainedStyleRecord>();
        using var db = databases.CreateDbContext();
        return db.TrainedStyles.AsNoTracking().Where(s => styleIds.Contains(s.StyleId)).ToDictionary(s => s.StyleId, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<TrainedStyleRecord>> ListByOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.TrainedStyles.AsNoTracking().Where(s => s.Owner == owner).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
    }

    public async Task<TrainedStyleRecord?> FindAsync(string styleId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.TrainedStyles.AsNoTracking().FirstOrDefaultAsync(s => s.StyleId == styleId, ct);
    }

    /// <summary>False when there is no such record.</summary>
    public async Task<bool> SetPublishedAsync(string styleId, bool published, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.TrainedStyles.Where(s => s.StyleId == styleId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Published, published), ct) > 0;
    }

    public async Task<bool> DeleteAsync(string styleId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.TrainedStyles.Where(s => s.StyleId == styleId).ExecuteDeleteAsync(ct) > 0;
    }
}
