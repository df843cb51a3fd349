using StyleGallery.Data;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// Room on the disk before new work is taken (issue 18 point 6), asked by each service that stores an upload or queues
/// a job, before it does: the disk's free space (<see cref="DiskSpaceGuard"/>), everything visitors have stored
/// together (<see cref="StorageSettings.MaxTotalBytes"/>) and what this browser keeps
/// (<see cref="StorageSettings.MaxBytesPerOwner"/>: its pictures, each with the photo it was made from, and its added
/// paintings). Videos count in the total; per browser they are bounded by the video limits and their retention.
/// </summary>
public sealed class StorageQuota(
    PictureArchive pictures,
    UserStyleArchive userStyles,
    UserPaintingFiles paintingFiles,
    IFileStore files,
    DiskSpaceGuard disk,
    StorageSettings settings,
    ILogger<StorageQuota> logger,
    TimeProvider? clock = null)
{
    /// <summary>The folders of the file store that hold what visitors made: pictures, paintings, videos, prints, the engine's job files.</summary>
    public static readonly string[] VisitorFolders = ["results", "paintings", "videos", "prints", "engine"];

    /// <summary>The total is measured by walking those folders; once a minute is often enough for a limit of gigabytes.</summary>
    public static readonly TimeSpan TotalMeasuredEvery = TimeSpan.FromMinutes(1);

    public const string FullMessage = "The gallery's storage is full right now; please try again later.";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private (long Bytes, DateTimeOffset At)? _total;

    /// <exception cref="EngineBusyException">The disk, or the storage of all visitors, is full (HTTP 503, Retry-After).</exception>
    /// <exception cref="StorageQuotaException">This browser keeps as much as it may (HTTP 403).</exception>
    public async Task EnsureRoomAsync(string? owner, CancellationToken ct = default)
    {
        disk.EnsureRoom();
        if (settings.MaxTotalBytes > 0 && TotalBytes() is var total && total >= settings.MaxTotalBytes)
        {
            logger.LogWarning("Refusing new work: visitors' files take {Total} bytes, the limit is {Limit}", total, settings.MaxTotalBytes);
            throw new EngineBusyException(FullMessage, retryAfter: DiskSpaceGuard.RetryAfter);
        }
        if (owner is null || settings.MaxBytesPerOwner <= 0) return;
        var used = await OwnerBytesAsync(owner, ct);
        if (used >= settings.MaxBytesPerOwner) throw new StorageQuotaException(used, settings.MaxBytesPerOwner);
    }

    /// <summary>What <paramref name="owner"/>'s pictures and added paintings take.</summary>
    public async Task<long> OwnerBytesAsync(string owner, CancellationToken ct = default)
    {
        var paintings = await userStyles.ListByOwnerAsync(owner, ct);
        return await pictures.BytesOfOwnerAsync(owner, ct) + paintings.Sum(p => paintingFiles.SizeOf(p.Id));
    }

    /// <summary>What visitors' files take together, measured at most <see cref="TotalMeasuredEvery"/>.</summary>
    public long TotalBytes()
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            if (_total is { } known && now - known.At < TotalMeasuredEvery) return known.Bytes;
        }
        var bytes = VisitorFolders.Sum(files.SizeOfFolder);
        lock (_lock) _total = (bytes, now);
        return bytes;
    }

    /// <summary>Forgets the measured total (the clean-up has just freed room).</summary>
    public void Remeasure()
    {
        lock (_lock) _total = null;
    }
}
