using Microsoft.AspNetCore.SignalR;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Hubs;

/// <summary>
/// <c>/hubs/jobs</c>: any client (the share page, a script) subscribes by job id and receives "progress"
/// messages (<see cref="JobUpdate"/>, with <c>status</c> by name); the picture itself is fetched from the update's
/// preview URL.
/// </summary>
public sealed class JobsHub(IJobNotifications notifications) : Hub
{
    public const string Path = "/hubs/jobs";
    public const string ProgressMessage = "progress";

    public static string GroupOf(string jobId) => "job:" + jobId;

    /// <summary>Joins the job's group and returns its current state (null for an unknown id).</summary>
    public async Task<JobUpdate?> Subscribe(string jobId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(jobId));
        return await notifications.CurrentAsync(jobId, Context.ConnectionAborted);
    }

    public Task Unsubscribe(string jobId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(jobId));
}
