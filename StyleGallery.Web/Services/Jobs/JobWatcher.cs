using StyleGallery.Engine.Client;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// A background service that follows every job change of the engine (<see cref="IStyleEngineClient.WatchAllAsync"/>) for
/// as long as the app runs and hands each to <see cref="OnChangedAsync"/>, in order, one at a time. The watch is opened
/// in <see cref="StartAsync"/>, before the host takes requests, so no job queued afterwards goes unseen; a handler's
/// failure is logged and the next change is handled.
/// </summary>
public abstract class JobWatcher(IStyleEngineClient engine, ILogger logger) : BackgroundService
{
    private readonly CancellationTokenSource _stopping = new();
    private IAsyncEnumerator<JobState>? _changes;
    private Task<bool> _first = Task.FromResult(false);

    /// <summary>The engine watched, for what a subclass asks of it beyond the changes.</summary>
    protected IStyleEngineClient Engine { get; } = engine;

    protected ILogger Logger { get; } = logger;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _changes = Engine.WatchAllAsync(_stopping.Token).GetAsyncEnumerator(_stopping.Token);
        _first = _changes.MoveNextAsync().AsTask(); // the engine starts watching here, not when the loop first runs
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the watch. The token source is cancelled, not disposed: a host may stop a service after disposing it (a
    /// test host disposed twice does), and a source without a timer holds nothing to release.
    /// </summary>
    public override void Dispose()
    {
        _stopping.Cancel();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Called with each change of any job; runs on the watcher's loop, so the next change waits for it.</summary>
    protected abstract Task OnChangedAsync(JobState state, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = _changes ?? throw new InvalidOperationException("The watcher was not started.");
        var stopping = _stopping.Token;
        await using var stop = stoppingToken.Register(_stopping.Cancel);
        try
        {
            for (var more = await _first; more; more = await changes.MoveNextAsync())
            {
                try
                {
                    await OnChangedAsync(changes.Current, stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogError(e, "Could not handle the change of job {Job}", changes.Current.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the app is stopping
        }
        finally
        {
            await changes.DisposeAsync();
        }
    }
}
