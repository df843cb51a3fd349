using Microsoft.AspNetCore.SignalR;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Hubs;

/// <summary>Relays every job update to the hub group of its job, for as long as the app runs.</summary>
public sealed class JobsHubForwarder(IJobNotifications notifications, IHubContext<JobsHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifications.Subscribe(null, update =>
            hub.Clients.Group(JobsHub.GroupOf(update.JobId)).SendAsync(JobsHub.ProgressMessage, update));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
