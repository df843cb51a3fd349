using Microsoft.AspNetCore.SignalR;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Hubs;

/// <summary>
/// <c>/hubs/jobs</c>: any client (the share page, a script) subscribes by job id and receives "progress"
/// messages (<see cref="JobUpdate"/>, with <c>status</c> by name); the picture itself is fetched from the update's
/// preview URL. A connection holds only what it may: well-formed ids of jobs that exist, at most
/// <see cref="MaxSubscriptions"/> of them, all let go when it disconnects.
/// </summary>
public sealed class JobsHub(IJobNotifications notifications) : Hub
{
    public const string Path = "/hubs/jobs";
    public const string ProgressMessage = "progress";

    /// <summary>A page follows one job; a script watching a batch has room, a connection hoarding ids does not.</summary>
    public const int MaxSubscriptions = 32;

    private const string SubscriptionsKey = "subscriptions";

    public static string GroupOf(string jobId) => "job:" + jobId;

    /// <summary>
    /// Joins the job's group and returns its current state; null (and nothing joined) for an id no job has now.
    /// </summary>
    /// <exception cref="HubException">Not a job id, or this connection follows <see cref="MaxSubscriptions"/> jobs already.</exception>
    public async Task<JobUpdate?> Subscribe(string jobId)
    {
        if (!JobIds.IsValid(jobId)) throw new HubException("That is not a job id.");
        if (await notifications.CurrentAsync(jobId, Context.ConnectionAborted) is not { } current) return null;
        var subscriptions = Subscriptions();
        lock (subscriptions)
        {
            if (!subscriptions.Contains(jobId) && subscriptions.Count >= MaxSubscriptions)
                throw new HubException($"A connection can follow at most {MaxSubscriptions} jobs; unsubscribe from one first.");
            subscriptions.Add(jobId);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(jobId));
        return current;
    }

    public async Task Unsubscribe(string jobId)
    {
        if (!JobIds.IsValid(jobId)) return;
        var subscriptions = Subscriptions();
        lock (subscriptions) subscriptions.Remove(jobId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(jobId));
    }

    /// <summary>The connection's own set: it lives in the connection's items, so it goes when the connection does.</summary>
    private HashSet<string> Subscriptions()
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(SubscriptionsKey, out var existing)) return (HashSet<string>)existing!;
            var created = new HashSet<string>(StringComparer.Ordinal);
            Context.Items[SubscriptionsKey] = created;
            return created;
        }
    }
}
