namespace StyleGallery.Web.Services.Limits;

/// <summary>How many bytes are free on the disk that holds a folder.</summary>
public interface IFreeSpaceProbe
{
    long FreeBytes(string directory);
}

/// <summary>The disk's space available to this process (<see cref="DriveInfo.AvailableFreeSpace"/>).</summary>
public sealed class DriveFreeSpaceProbe : IFreeSpaceProbe
{
    public long FreeBytes(string directory)
    {
        Directory.CreateDirectory(directory);
        return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
    }
}

/// <summary>
/// Refuses new uploads and jobs while the data folder's disk is nearly full (<see cref="RequestLimitSettings.MinFreeDiskBytes"/>),
/// with a message, rather than have them fail half-written (issue 18 point 6). Asked by each service that stores an
/// upload or queues a job before it does.
/// </summary>
public sealed class DiskSpaceGuard(IFreeSpaceProbe probe, StyleGalleryWebOptions web, RequestLimitSettings limits, ILogger<DiskSpaceGuard> logger)
{
    /// <summary>When to try again: room is made by an operator or by the clean-ups, not in seconds.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    public const string Message = "The server is out of room for new pictures and videos right now; please try again later.";

    /// <exception cref="EngineBusyException">The data folder's disk has less free space than the setting (HTTP 503, Retry-After).</exception>
    public void EnsureRoom()
    {
        if (limits.MinFreeDiskBytes <= 0) return;
        var free = probe.FreeBytes(web.DataDirectory);
        if (free >= limits.MinFreeDiskBytes) return;
        logger.LogWarning("Refusing new work: {Free} bytes free on the disk of {Directory}, less than {Minimum}", free, web.DataDirectory, limits.MinFreeDiskBytes);
        throw new EngineBusyException(Message, retryAfter: RetryAfter);
    }
}
