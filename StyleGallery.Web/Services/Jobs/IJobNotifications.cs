namespace StyleGallery.Web.Services.Jobs;

/// <summary>Job updates by job id, for components and the hub; dispose the subscription when done.</summary>
public interface IJobNotifications
{
    /// <summary>The job's state now, or null when the engine does not know it (any more).</summary>
    Task<JobUpdate?> CurrentAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> with every later update of <paramref name="jobId"/> (null: of every job).</summary>
    IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler);
}
