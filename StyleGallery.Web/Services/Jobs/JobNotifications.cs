using System.Collections.Concurrent;
using StyleGallery.Engine.Client;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// The app's one watcher of the engine's job changes for pages and the hub: they subscribe here by job id and dispose
/// their subscription, so a closed tab leaves no handler behind. Latest-only: a slow subscriber is handed the newest
/// update when it is ready again, never a backlog.
/// </summary>
public sealed class JobNotifications(IStyleEngineClient engine, ILogger<JobNotifications> logger) : JobWatcher(engine, logger), IJobNotifications
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public int SubscriberCount => _subscriptions.Count;

    public async Task<JobUpdate?> CurrentAsync(string jobId, CancellationToken cancellationToken = default) =>
        await Engine.GetAsync(jobId, cancellationToken) is { } state ? JobUpdate.From(state) : null;

    public IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler)
    {
        var subscription = new Subscription(this, jobId, handler);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    protected override Task OnChangedAsync(JobState state, CancellationToken cancellationToken)
    {
        var update = JobUpdate.From(state);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.JobId is null || subscription.JobId == state.Id) subscription.Offer(update);
        }
        return Task.CompletedTask;
    }

    /// <summary>One subscriber's mailbox of size one: the newest update replaces an undelivered older one.</summary>
    private sealed class Subscription(JobNotifications owner, string? jobId, Func<JobUpdate, Task> handler) : IDisposable
    {
        private readonly Lock _lock = new();
        private JobUpdate? _pending;
        private bool _delivering;

        public string? JobId { get; } = jobId;

        public void Offer(JobUpdate update)
        {
            lock (_lock)
            {
                _pending = update;
                if (_delivering) return;
                _delivering = true;
            }
            _ = DeliverAsync();
        }

        public void Dispose() => owner._subscriptions.TryRemove(this, out _);

        private async Task DeliverAsync()
        {
            while (true)
            {
                JobUpdate next;
                lock (_lock)
                {
                    if (_pending is null)
                    {
                        _delivering = false;
                        return;
                    }
                    next = _pending;
                    _pending = null;
                }
                try
                {
                    await handler(next);
                }
                catch (Exception)
                {
                    // A subscriber's failure (e.g. a circuit gone) must not stop the others; it is that subscriber's to log.
                }
            }
        }
    }
}
