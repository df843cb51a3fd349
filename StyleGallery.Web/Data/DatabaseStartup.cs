using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Web.Data;

/// <summary>
/// At start: migrates the database to the newest migration (a new one is created; one made by <c>EnsureCreated</c>
/// before there were migrations is adopted first, see <see cref="PreMigrationDatabase"/>), then fails every picture
/// that was still queued or running, since the engine's queue lived only in the old process's memory. They are not re-queued: the engine keeps no copy of the style paintings' blend and
/// options outside that memory, and a picture restarted from scratch hours later would surprise more than a message.
/// </summary>
public sealed class DatabaseStartup(IDbContextFactory<StyleGalleryDb> databases, PictureArchive pictures, ILogger<DatabaseStartup> logger) : IHostedService
{
    public const string RestartMessage = "The server restarted while this picture was being painted.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            var outcome = await DatabaseMigration.MigrateAsync(db, cancellationToken);
            if (outcome.AdoptedAt is { } adopted) logger.LogWarning("Adopted a database made before migrations: recorded {Migration} as applied", adopted);
            if (outcome.Applied.Count > 0) logger.LogInformation("Applied database migrations: {Migrations}", string.Join(", ", outcome.Applied));
        }
        var failed = await pictures.FailUnfinishedAsync(RestartMessage, cancellationToken);
        if (failed > 0) logger.LogWarning("Marked {Count} unfinished pictures as failed after a restart", failed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
