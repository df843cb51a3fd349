using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

/// <summary>A fake job that says when it has started, then holds the engine until released or cancelled.</summary>
internal sealed class GatedJob(string description = "gated") : IEngineJob, IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Kind => "gated";
    public string Description => description;
    public bool SawCancellation { get; private set; }
    public Thread? RanOn { get; private set; }

    public object? Run(JobContext context)
    {
        RanOn = Thread.CurrentThread;
        _started.TrySetResult();
        try
        {
            _release.Wait(context.Cancellation);
        }
        catch (OperationCanceledException)
        {
            SawCancellation = true;
            throw;
        }
        return description;
    }

    public Task WaitUntilStartedAsync() => _started.Task.WaitAsync(EngineTestSupport.Guard);

    public void Release() => _release.Set();

    public void Dispose() => _release.Dispose();
}
