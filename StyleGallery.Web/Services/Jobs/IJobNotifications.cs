namespace StyleGallery.Web.Services.Jobs;

/// <summary>Job updates by job id, for components and the hub; dispose the subscription when done.</summary>
public interface IJobNotifications
{
    JobUpdate? Current(string jobId);

    IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler);
}
