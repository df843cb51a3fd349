using StyleGallery.Data;
using StyleGallery.Web.Services.Pictures;
using StyleGallery.Web.Services.Video;

namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// Deletes what has outlived its keeping time (issue 18 point 6), at start and every
/// <see cref="StorageSettings.CleanupInterval"/>: cookie-less pictures after <see cref="StorageSettings.AnonymousRetention"/>,
/// unpublished ones after <see cref="StorageSettings.UnpublishedRetention"/> when it is set (through
/// <see cref="PictureOwnership.ExpireAsync"/>, the owner's own deletion path) and painted videos after
/// <see cref="StyleGalleryWebOptions.VideoRetention"/>. Every web node of a cluster may run it: each deletion is idempotent.
/// </summary>
public sealed class StorageCleanup(
    PictureArchive pictures,
    PictureOwnership ownership,
    VideoJobs videos,
    StorageQuota quota,
    StorageSettings settings,
    ILogger<StorageCleanup> logger,
    TimeProvider? clock = null) : BackgroundService
{
    /// <summary>Pictures deleted per query: a long backlog goes in batches, none of them holding the database long.</summary>
    private const int Batch = 200;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>One pass; returns how many pictures were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var deleted = 0;
        while (true)
        {
            var expired = await pictures.ExpiredAsync(now - settings.AnonymousRetention, now - settings.UnpublishedRetention, Batch, ct);
            foreach (var id in expired) await ownership.ExpireAsync(id, ct);
            deleted += expired.Count;
            if (expired.Count < Batch) break;
        }
        await videos.DeleteExpiredAsync();
        if (deleted > 0)
        {
            quota.Remeasure();
            logger.LogInformation("Deleted {Count} pictures past their keeping time", deleted);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CleanupInterval > TimeSpan.Zero ? settings.CleanupInterval : TimeSpan.FromHours(1), _clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The storage clean-up failed; it runs again in {Interval}", settings.CleanupInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
