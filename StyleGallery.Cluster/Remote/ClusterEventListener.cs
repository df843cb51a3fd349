using Microsoft.Extensions.Hosting;
using StyleGallery.Cluster.Messaging;
using StyleGallery.Engine.Client;

namespace StyleGallery.Cluster.Remote;

/// <summary>
/// A web node's ear: every job event from the workers (and the other web nodes), through this node's own bounded
/// queue, into its <see cref="RemoteEngineClient"/>, whose watchers (the hub, the pages, the picture recorder) see them.
/// </summary>
public sealed class ClusterEventListener(RemoteEngineClient client, RabbitMqBus bus, ILogger<ClusterEventListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node hears job events (tests wait for it).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                await bus.SubscribeEventsAsync(OnEventAsync, stoppingToken);
                _ready.TrySetResult();
                return;
            }
            catch (EngineUnavailableException e)
            {
                // A cluster's processes start in any order; once connected, the client recovers by itself.
                logger.LogWarning("The broker is not reachable yet ({Message}); trying again in {Delay}", e.InnerException?.Message, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private Task OnEventAsync(ClusterMessage message)
    {
        switch (message)
        {
            case JobChanged changed:
                client.Apply(changed.State);
                break;
            case JobForgotten forgotten:
                client.Forget(forgotten.JobId);
                break;
        }
        return Task.CompletedTask;
    }
}
