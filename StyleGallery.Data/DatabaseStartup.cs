using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Data;

/// <summary>
/// At start: migrates the database to the newest migration (a new one is created; one made by <c>EnsureCreated</c>
/// before there were migrations is adopted first, see <see cref="PreMigrationDatabase"/>). What the last process left
/// unfinished is the job store's to resume, after this (<c>JobRecovery</c>).
/// </summary>
public sealed class DatabaseStartup(IDbContextFactory<StyleGalleryDb> databases, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var outcome = await DatabaseMigration.MigrateAsync(db, cancellationToken);
            if (outcome.AdoptedAt is { } adopted) logger.LogWarning("Adopted a database made before migrations: recorded {Migration} as applied", adopted);
            if (outcome.Applied.Count > 0) logger.LogInformation("Applied database migrations: {Migrations}", string.Join(", ", outcome.Applied));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
