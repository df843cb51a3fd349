using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>The user-added style records; one short-lived DbContext per call.</summary>
public sealed class UserStyleArchive(IDbContextFactory<StyleGalleryDb> databases)
{
    public async Task AddAsync(UserStyleRecord style, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        db.UserStyles.Add(style);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every user style, oldest first (synchronous: the style list is built synchronously by the pages).</summary>
    public IReadOnlyList<UserStyleRecord> All()
    {
        using var db = databases.CreateDbContext();
        return db.UserStyles.AsNoTracking().OrderBy(s => s.CreatedAt).ToList();
    }

    /// <summary>
    /// The styles <paramref name="owner"/> may see (the published ones and its own, private or not; with no owner, the
    /// published ones), oldest first, at most <paramref name="limit"/> (synchronous, as <see cref="All"/>).
    /// </summary>
    public IReadOnlyList<UserStyleRecord> VisibleTo(string? owner, int limit)
    {
        using var db = databases.CreateDbContext();
        return db.UserStyles.AsNoTracking()
            .Where(s => s.Published || (owner != null && s.Owner == owner))
            .OrderBy(s => s.CreatedAt)
            .Take(limit)
            .ToList();
    }

    public async Task<int> CountByOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.UserStyles.CountAsync(s => s.Owner == owner, ct);
    }

    /// <summary>False when there is no such style.</summary>
    public async Task<bool> SetPublishedAsync(string id, bool published, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.UserStyles.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Published, published), ct) > 0;
    }

    public async Task<IReadOnlyList<UserStyleRecord>> ListByOwnerAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.UserStyles.AsNoTracking().Where(s => s.Owner == owner).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
    }

    public async Task<UserStyleRecord?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.UserStyles.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.UserStyles.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
    }
}
