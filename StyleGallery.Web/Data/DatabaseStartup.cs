using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Web.Data;

/// <summary>
/// At start: creates the schema if the database is new (EnsureCreated: no migrations yet, so a schema change means a
/// new database file), then fails every picture that was still queued or running, since the engine's queue lived only
/// in the old process's memory. They are not re-queued: the engine keeps no copy of the style paintings' blend and
/// options outside that memory, and a picture restarted from scratch hours later would surprise more than a message.
/// </summary>
public sealed class DatabaseStartup(IDbContextFactory<StyleGalleryDb> databases, PictureArchive pictures, ILogger<DatabaseStartup> logger) : IHostedService
{
    public const string RestartMessage = "The server restarted while this picture was being painted.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        var failed = await pictures.FailUnfinishedAsync(RestartMessage, cancellationToken);
        if (failed > 0) logger.LogWarning("Marked {Count} unfinished pictures as failed after a restart", failed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
