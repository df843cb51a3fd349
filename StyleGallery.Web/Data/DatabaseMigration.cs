using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Web.Data;

/// <summary>What <see cref="DatabaseMigration.MigrateAsync"/> did: the migration an old database was adopted at (or null), and the ones it applied.</summary>
public sealed record MigrationOutcome(string? AdoptedAt, IReadOnlyList<string> Applied);

/// <summary>Brings any database, new, old or made by <c>EnsureCreated</c>, to the newest migration of its provider.</summary>
public static class DatabaseMigration
{
    public static async Task<MigrationOutcome> MigrateAsync(StyleGalleryDb db, CancellationToken ct = default)
    {
        var adopted = await PreMigrationDatabase.AdoptAsync(db, ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        return new MigrationOutcome(adopted, pending);
    }
}
