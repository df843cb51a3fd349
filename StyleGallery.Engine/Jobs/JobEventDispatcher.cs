using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// Delivers job events in order on a thread of its own, so subscribers can neither block nor crash the engine
/// thread: each subscriber is called separately and an exception from one is logged and forgotten.
/// A subscriber that blocks holds up later events for everybody (never the jobs) until it returns.
/// </summary>
internal sealed class JobEventDispatcher
{
    private readonly BlockingCollection<JobEvent> _pending = new();
    private readonly Func<EventHandler<JobEvent>?> _subscribers;
    private readonly object _sender;
    private readonly ILogger _logger;
    private readonly Thread _thread;

    public JobEventDispatcher(object sender, Func<EventHandler<JobEvent>?> subscribers, ILogger logger, string threadName)
    {
        _sender = sender;
        _subscribers = subscribers;
        _logger = logger;
        _thread = new Thread(DeliverAll) { Name = threadName, IsBackground = true };
        _thread.Start();
    }

    public void Post(JobEvent jobEvent)
    {
        try
        {
            _pending.Add(jobEvent);
        }
        catch (InvalidOperationException)
        {
            // Completed: only a job that outlived the shutdown timeout gets here, and nobody is listening any more.
        }
    }

    /// <summary>Delivers what is already posted (waiting at most <paramref name="timeout"/>), then stops.</summary>
    public void Complete(TimeSpan timeout)
    {
        _pending.CompleteAdding();
        // A subscriber that disposes the engine runs on this very thread; joining itself would hang.
        if (Thread.CurrentThread != _thread && !_thread.Join(timeout))
            _logger.LogWarning("Job event delivery did not finish within {Timeout}; undelivered events are dropped.", timeout);
    }

    private void DeliverAll()
    {
        foreach (var jobEvent in _pending.GetConsumingEnumerable()) Deliver(jobEvent);
    }

    private void Deliver(JobEvent jobEvent)
    {
        if (_subscribers() is not { } subscribers) return;
        foreach (var subscriber in subscribers.GetInvocationList().Cast<EventHandler<JobEvent>>())
        {
            try
            {
                subscriber(_sender, jobEvent);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A JobChanged subscriber threw on {Kind} of job {JobId}; other subscribers still get it.", jobEvent.Kind, jobEvent.Job.Id);
            }
        }
    }
}
