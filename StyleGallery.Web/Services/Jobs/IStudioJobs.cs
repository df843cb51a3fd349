namespace StyleGallery.Web.Services.Jobs;

/// <summary>Optimisation runs as the studio starts and stops them; pictures go in as bytes, never tensors.</summary>
public interface IStudioJobs
{
    /// <summary>Queues a Gatys optimisation of the photo in the paintings' blended style and returns the job id.</summary>
    /// <exception cref="UserFacingException">The photo, a style or the options cannot be used, or the engine is busy.</exception>
    Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken);

    /// <summary>Stops a running or queued job; the picture it had reached stays available.</summary>
    bool Cancel(string jobId);
}
