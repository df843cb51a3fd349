using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

/// <summary>Job updates a test pushes by hand: <see cref="Now"/> is what <see cref="CurrentAsync"/> answers for its job.</summary>
internal sealed class FakeJobNotifications : IJobNotifications
{
    private readonly List<Func<JobUpdate, Task>> _handlers = [];
    public JobUpdate? Now { get; set; }
    public int Subscribers => _handlers.Count;

    public Task<JobUpdate?> CurrentAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Now?.JobId == jobId ? Now : null);

    public IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler)
    {
        _handlers.Add(handler);
        return new Unsubscriber(() => _handlers.Remove(handler));
    }

    public void Push(JobUpdate update)
    {
        Now = update;
        foreach (var handler in _handlers.ToList()) handler(update).GetAwaiter().GetResult();
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
