using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace StyleGallery.Data;

/// <summary>What <see cref="DatabaseMigration.MigrateAsync"/> did: the migration an old database was adopted at (or null), and the ones it applied.</summary>
public sealed record MigrationOutcome(string? AdoptedAt, IReadOnlyList<string> Applied);

/// <summary>Brings any database, new, old or made by <c>EnsureCreated</c>, to the newest migration of its provider.</summary>
public static class DatabaseMigration
{
    public static async Task<MigrationOutcome> MigrateAsync(StyleGalleryDb db, CancellationToken ct = default)
    {
        // A database that does not exist yet (PostgreSQL) is not queried: each attempt would log a connection error.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
        var adopted = exists ? await PreMigrationDatabase.AdoptAsync(db, ct) : null;
        var pending = exists ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : db.Database.GetMigrations().ToList();
        await db.Database.MigrateAsync(ct);
        return new MigrationOutcome(adopted, pending);
    }
}
