using StyleGallery.Engine.Client;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Services.Setup;

namespace StyleGallery.Web.Services;

/// <summary>
/// Installs, in the background at start, what <see cref="IStyleEngineClient.StartupModels"/> names (the mirror's
/// models, else the fast styles and the default loss network from their sources), so the first click never waits;
/// everything else is installed on first use. Its progress is the setup view's <see cref="Status"/>: a model that
/// cannot be installed is shown with the reason and can be retried.
/// </summary>
public sealed class ModelBootstrapper(IStyleEngineClient engine, StyleGalleryWebOptions options, ILogger<ModelBootstrapper> logger)
    : BackgroundService, IModelSetup
{
    private readonly object _lock = new();
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private InstallStatus _status = InstallStatus.Idle;
    private CancellationToken _stopping;

    /// <summary>Raised after each model that became installed, so pages can refresh their list.</summary>
    public event Action? ModelInstalled;

    public event Action? Changed;

    public InstallStatus Status
    {
        get { lock (_lock) return _status; }
    }

    /// <summary>
    /// Plans before the background part starts (which .NET runs on the thread pool), so the very first request
    /// already sees the models that are on their way.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.InstallModelsOnStart) Publish(_ => Plan());
        return base.StartAsync(cancellationToken);
    }

    public Task RetryAsync() => InstallAsync(ModelSetupPhase.Failed);

    public override void Dispose()
    {
        base.Dispose();
        _oneRunAtATime.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        return InstallAsync(ModelSetupPhase.Waiting);
    }

    private InstallStatus Plan()
    {
        var planned = engine.StartupModels()
            .Select(m => new ModelSetupState(m.Id, m.Title, ModelSetupPhase.Waiting))
            .ToList();
        return new InstallStatus(planned, planned.Count > 0);
    }

    /// <summary>Installs, one after the other, the models that are in <paramref name="phase"/> when this run's turn comes.</summary>
    private async Task InstallAsync(ModelSetupPhase phase)
    {
        try
        {
            await _oneRunAtATime.WaitAsync(_stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        try
        {
            var ids = Status.Models.Where(m => m.Phase == phase).Select(m => m.ModelId).ToList();
            if (ids.Count == 0) return;
            Publish(s => s with { IsRunning = true });
            foreach (var id in ids)
            {
                if (!await InstallOneAsync(id)) return;
            }
        }
        finally
        {
            Publish(s => s with { IsRunning = false });
            _oneRunAtATime.Release();
        }
    }

    /// <summary>False when the app is stopping and the run should end.</summary>
    private async Task<bool> InstallOneAsync(string id)
    {
        Update(id, m => m with { Phase = ModelSetupPhase.Installing, BytesDone = 0, Error = null });
        try
        {
            await engine.InstallModelAsync(id, new SynchronousProgress(OnProgress), _stopping);
            Update(id, m => m with { Phase = ModelSetupPhase.Installed, BytesDone = m.BytesTotal ?? m.BytesDone });
            logger.LogInformation("Installed model {Model}", id);
            ModelInstalled?.Invoke();
        }
        catch (Exception e) when (e is ModelInstallException or IOException or UnauthorizedAccessException)
        {
            Update(id, m => m with { Phase = ModelSetupPhase.Failed, Error = e.Message });
            logger.LogWarning("Model {Model} is not available: {Reason}", id, e.Message);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return false;
        }
        return true;
    }

    /// <summary>Only whole-percent steps are published: a large copy reports every buffer, and every report re-renders each open page.</summary>
    private void OnProgress(InstallProgress progress)
    {
        if (progress.Stage == InstallProgress.Installed) return; // the end is published once InstallAsync returns
        Update(progress.ModelId, m =>
        {
            var next = m with { BytesDone = progress.BytesDone, BytesTotal = progress.BytesTotal ?? m.BytesTotal };
            return (int?)next.Percent == (int?)m.Percent && next.BytesTotal == m.BytesTotal ? m : next;
        });
    }

    private void Update(string id, Func<ModelSetupState, ModelSetupState> change) =>
        Publish(s => s with { Models = s.Models.Select(m => m.ModelId == id ? change(m) : m).ToList() });

    private void Publish(Func<InstallStatus, InstallStatus> change)
    {
        lock (_lock)
        {
            var next = change(_status);
            if (next == _status || (next.IsRunning == _status.IsRunning && next.Models.SequenceEqual(_status.Models))) return;
            _status = next;
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Reports on the installer's own thread, in order; <see cref="Progress{T}"/> would post each report to the
    /// thread pool, where a late one could land after the model was already marked installed.
    /// </summary>
    private sealed class SynchronousProgress(Action<InstallProgress> report) : IProgress<InstallProgress>
    {
        public void Report(InstallProgress value) => report(value);
    }
}
