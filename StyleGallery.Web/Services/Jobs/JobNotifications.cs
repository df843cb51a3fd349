using System.Collections.Concurrent;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// The one subscriber to the engine's JobChanged event; pages and the hub subscribe here by job id and dispose
/// their subscription, so a closed tab leaves no handler behind. Latest-only: a slow subscriber is handed the
/// newest update when it is ready again, never a backlog.
/// </summary>
public sealed class JobNotifications : IJobNotifications, IDisposable
{
    private readonly StyleEngine _jobs;
    private readonly ConcurrentDictionary<string, int> _previewVersions = new();
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    public JobNotifications(StyleGalleryEngine engine)
    {
        _jobs = engine.Jobs;
        _jobs.JobChanged += OnJobChanged;
    }

    public int SubscriberCount => _subscriptions.Count;

    public JobUpdate? Current(string jobId) =>
        _jobs.Get(jobId) is { } job ? JobUpdate.From(job, PreviewVersion(jobId)) : null;

    /// <summary>Calls <paramref name="handler"/> with every later update of <paramref name="jobId"/> (null: of every job).</summary>
    public IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler)
    {
        var subscription = new Subscription(this, jobId, handler);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public void Dispose() => _jobs.JobChanged -= OnJobChanged;

    private int PreviewVersion(string jobId) => _previewVersions.GetValueOrDefault(jobId);

    private void OnJobChanged(object? sender, JobEvent e)
    {
        var version = e.Kind == JobEventKind.PreviewPublished
            ? _previewVersions.AddOrUpdate(e.Job.Id, 1, (_, v) => v + 1)
            : PreviewVersion(e.Job.Id);
        var update = JobUpdate.From(e.Job, version);
        foreach (var subscription in _subscriptions.Keys)
        {
            if (subscription.JobId is null || subscription.JobId == e.Job.Id) subscription.Offer(update);
        }
    }

    /// <summary>One subscriber's mailbox of size one: the newest update replaces an undelivered older one.</summary>
    private sealed class Subscription(JobNotifications owner, string? jobId, Func<JobUpdate, Task> handler) : IDisposable
    {
        private readonly object _lock = new();
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
