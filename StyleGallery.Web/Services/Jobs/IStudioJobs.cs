namespace StyleGallery.Web.Services.Jobs;

/// <summary>Optimisation runs as the studio starts and stops them; pictures go in as bytes, never tensors.</summary>
public interface IStudioJobs
{
    /// <summary>Queues a Gatys optimisation of the photo in the paintings' blended style and returns the job id.</summary>
    /// <exception cref="UserFacingException">The photo, a style or the options cannot be used, or the engine is busy.</exception>
    Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stops a running or queued job for the browser that started it; the picture it had reached stays available.
    /// False when the job is unknown, already finished, or <paramref name="owner"/> is not its owner: a job id is
    /// public (it is the share link), so knowing it must not be enough to stop someone else's picture.
    /// </summary>
    Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an optimisation's job for good (its owner deleted the picture; the caller has checked that): cancelled if
    /// it still runs, and forgotten by the engine with its pictures and stored request.
    /// </summary>
    Task DeleteAsync(string jobId, CancellationToken cancellationToken = default);
}
