using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace StyleGallery.Data;

/// <summary>
/// Adopts a database made before there were migrations: the app used to create its schema with <c>EnsureCreated</c>,
/// which leaves the tables but no <c>__EFMigrationsHistory</c>, so <c>Migrate</c> would try to create them again and
/// fail. The first migration ("Initial") makes exactly that schema, so such a database is baselined: Initial is
/// recorded as applied, and <c>Migrate</c> then runs only what came after it.
/// </summary>
public static class PreMigrationDatabase
{
    /// <summary>The first migration's name; it must keep making exactly the schema <c>EnsureCreated</c> made.</summary>
    public const string InitialMigration = "Initial";

    /// <summary>The tables <c>EnsureCreated</c> made before migrations existed (frozen: later tables do not belong here).</summary>
    public static IReadOnlyList<string> InitialTables { get; } = ["Pictures", "UserStyles"];

    /// <summary>Records Initial as applied when <paramref name="db"/> was made by <c>EnsureCreated</c>; returns its id then, else null.</summary>
    /// <exception cref="DatabaseConfigurationException">Only some of the tables are there: neither new nor adoptable.</exception>
    public static async Task<string?> AdoptAsync(StyleGalleryDb db, CancellationToken ct = default)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)) return null;
        // Listed rather than asked of IHistoryRepository.ExistsAsync, which Npgsql answers "true" without looking.
        var tables = await db.Database.SqlQueryRaw<string>(db.ListTablesSql).ToListAsync(ct);
        if (tables.Contains(HistoryTableName(db), StringComparer.Ordinal)) return null;
        var present = InitialTables.Where(t => tables.Contains(t, StringComparer.Ordinal)).ToList();
        if (present.Count == 0) return null; // a new database: Migrate makes everything
        if (present.Count < InitialTables.Count)
        {
            throw new DatabaseConfigurationException(
                $"The database has the table(s) {string.Join(", ", present)} but not {string.Join(", ", InitialTables.Except(present))}, " +
                "and no migration history: it was not made by StyleGallery, or only partly. Point StyleGallery:Database at a new database or repair this one.");
        }

        var initial = InitialMigrationId(db);
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), ct);
        await transaction.CommitAsync(ct);
        return initial;
    }

    private static string HistoryTableName(StyleGalleryDb db) =>
        db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().FirstOrDefault()?.MigrationsHistoryTableName
        ?? HistoryRepository.DefaultTableName;

    /// <summary>The full id (timestamp and name) of this provider's Initial migration.</summary>
    public static string InitialMigrationId(StyleGalleryDb db) =>
        db.Database.GetMigrations().FirstOrDefault() is { } first && first.EndsWith("_" + InitialMigration, StringComparison.Ordinal)
            ? first
            : throw new InvalidOperationException($"{db.GetType().Name}'s first migration must be '{InitialMigration}'.");
}
