using System.Collections.Concurrent;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

/// <summary>Collects every event an engine raises and signals when a given job's final event has been delivered.</summary>
internal sealed class EventRecorder
{
    private readonly ConcurrentQueue<JobEvent> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new();

    public IReadOnlyList<JobEvent> EventsOf(string jobId) => _events.Where(e => e.Job.Id == jobId).ToList();

    public void OnJobChanged(object? sender, JobEvent jobEvent)
    {
        _events.Enqueue(jobEvent);
        if (jobEvent.Job.IsFinished) FinishedSignal(jobEvent.Job.Id).TrySetResult();
    }

    public Task WaitForFinalEventAsync(string jobId) => FinishedSignal(jobId).Task.WaitAsync(EngineTestSupport.Guard);

    private TaskCompletionSource FinishedSignal(string jobId) =>
        _finished.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
