using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using StyleGallery.Cluster.Messaging;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Storage;
using StyleGallery.Engine.Video;

namespace StyleGallery.Cluster.Remote;

/// <summary>
/// The engine contract for a web node in front of engine workers (<c>StyleGallery:Engine:Mode = Remote</c>). A durable
/// job is checked here as the engine would check it, written as a row, then announced on the job lane; its states come
/// back as events from whichever worker runs it (<see cref="ClusterEventListener"/> feeds <see cref="Apply"/>), and its
/// pictures are read from the shared file store. Fast pictures and live frames go through the interactive lane. Styles
/// and models are answered here from the shared models folder (<see cref="StyleCatalogue"/>), without a device.
/// </summary>
public sealed class RemoteEngineClient(
    StyleCatalogue catalogue, IJobStore store, JobPictures pictures, RabbitMqBus bus, ClusterMetrics metrics, ILogger<RemoteEngineClient> logger)
    : IStyleEngineClient, IJobResumption
{
    /// <summary>States of finished jobs kept after their end; older ones are read from their rows again.</summary>
    private const int RetainedFinishedStates = 500;

    private readonly ConcurrentDictionary<string, JobState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _finishedOldestFirst = new();
    private readonly List<ChannelWriter<JobState>> _watchers = [];

    public async Task<string> SubmitAsync(JobRequest request, CancellationToken ct = default)
    {
        await catalogue.CheckAsync(request, ct);
        var waiting = await store.CountQueuedAsync(ct);
        if (waiting >= catalogue.Settings.QueueCapacity) throw new QueueFullException(waiting, catalogue.Settings.QueueCapacity);
        var id = request.JobId ?? JobIds.New();
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(new StoredJob(id, StoredKinds.NameOf(request.Kind), JobStatus.Queued, EngineJson.Serialize(request with { JobId = id }), 0, now), ct);
        try
        {
            await bus.SendJobAsync(new RunJob(id), ct);
        }
        catch
        {
            await store.DeleteAsync(id, CancellationToken.None);
            throw;
        }
        metrics.Queued(request.Kind);
        await AnnounceAsync(new JobState(id, request.Kind, JobStatus.Queued, null, null, 0, 0, null, null, now, null, null));
        return id;
    }

    public async Task<bool> CancelAsync(string jobId, CancellationToken ct = default)
    {
        if (!JobIds.IsValid(jobId) || await store.FindAsync(jobId, ct) is not { Status: JobStatus.Queued or JobStatus.Running } row) return false;
        if (await store.CancelQueuedAsync(jobId, ct))
        {
            // No worker has it: the row is the job's end; a worker that takes its message later finds it cancelled.
            await AnnounceAsync(StateOf(row with { Status = JobStatus.Cancelled, FinishedAt = DateTimeOffset.UtcNow }));
            return true;
        }
        await bus.PublishControlAsync(new CancelJob(jobId, Forget: false), ct);
        return true;
    }

    public async Task<bool> DeleteAsync(string jobId, CancellationToken ct = default)
    {
        if (!JobIds.IsValid(jobId)) return false;
        var known = await store.FindAsync(jobId, ct) is not null | _states.ContainsKey(jobId);
        // The row first: a worker that is about to start the job finds nothing to run.
        await store.DeleteAsync(jobId, ct);
        await pictures.DeleteAsync(jobId, ct);
        Forget(jobId);
        await bus.PublishControlAsync(new CancelJob(jobId, Forget: true), ct);
        await bus.PublishEventAsync(new JobForgotten(jobId), ct);
        return known;
    }

    public async Task<JobState?> GetAsync(string jobId, CancellationToken ct = default)
    {
        if (!JobIds.IsValid(jobId)) return null;
        if (_states.TryGetValue(jobId, out var state)) return state;
        return await store.FindAsync(jobId, ct) is { } row ? StateOf(row) : null;
    }

    public async IAsyncEnumerable<JobState> WatchAsync(string jobId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var states = Channel.CreateUnbounded<JobState>(new UnboundedChannelOptions { SingleReader = true });
        Subscribe(states.Writer);
        try
        {
            if (await GetAsync(jobId, ct) is not { } current) yield break;
            yield return current;
            if (current.IsFinished) yield break;
            await foreach (var state in states.Reader.ReadAllAsync(ct))
            {
                if (state.Id != jobId) continue;
                yield return state;
                if (state.IsFinished) yield break;
            }
        }
        finally
        {
            Unsubscribe(states.Writer);
        }
    }

    public async IAsyncEnumerable<JobState> WatchAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var states = Channel.CreateUnbounded<JobState>(new UnboundedChannelOptions { SingleReader = true });
        Subscribe(states.Writer);
        try
        {
            await foreach (var state in states.Reader.ReadAllAsync(ct)) yield return state;
        }
        finally
        {
            Unsubscribe(states.Writer);
        }
    }

    public Task<byte[]?> PreviewAsync(string jobId, CancellationToken ct = default) =>
        JobIds.IsValid(jobId) ? pictures.NewestAsync(jobId, ct) : Task.FromResult<byte[]?>(null);

    public async Task<byte[]?> ResultAsync(string jobId, CancellationToken ct = default) =>
        await GetAsync(jobId, ct) is { IsFinished: true } ? await pictures.ResultAsync(jobId, ct) : null;

    public async Task<FastPicture> StylizeAsync(FastRequest request, CancellationToken ct = default)
    {
        var painted = await bus.AskAsync(new PaintPhoto(request), ct);
        return painted.Picture ?? throw Refused(painted);
    }

    public async Task<byte[]> StylizeFrameAsync(LiveFrameRequest request, CancellationToken ct = default)
    {
        var painted = await bus.AskAsync(new PaintFrame(request), ct);
        return painted.Frame ?? throw Refused(painted);
    }

    /// <summary>Nothing to resume on a web node: unfinished jobs wait in the job lane, whose workers run them.</summary>
    public async Task<ResumeReport> ResumeAsync(CancellationToken ct = default)
    {
        var unfinished = await store.UnfinishedAsync(ct);
        return new ResumeReport(unfinished.Select(j => j.Id).ToList(), new Dictionary<string, string>());
    }

    /// <summary>Takes in a state from the job events; a finished job's state is final, whatever arrives late.</summary>
    internal void Apply(JobState state)
    {
        var previous = _states.GetValueOrDefault(state.Id);
        var applied = _states.AddOrUpdate(state.Id, state, (_, known) => known.IsFinished && !state.IsFinished ? known : state);
        if (!ReferenceEquals(applied, state)) return;
        // Versions this node never heard of: its event queue dropped them, oldest first, because it read too slowly.
        if (previous is not null && state.PreviewVersion > previous.PreviewVersion + 1) metrics.PreviewsDropped(state.PreviewVersion - previous.PreviewVersion - 1);
        if (state.IsFinished) Retire(state.Id);
        lock (_watchers)
        {
            foreach (var watcher in _watchers) watcher.TryWrite(state);
        }
    }

    /// <summary>Forgets a deleted job's state.</summary>
    internal void Forget(string jobId) => _states.TryRemove(jobId, out _);

    public IReadOnlyList<FastStyleInfo> FastStyles() => catalogue.FastStyles();

    public IReadOnlyList<ModelEntry> PaintingOnlyStyles() => catalogue.PaintingOnlyStyles();

    public bool IsStyleIdTaken(string styleId) => catalogue.IsStyleIdTaken(styleId);

    /// <summary>Deletes the files from the shared models folder here, then tells the workers to let go of the network.</summary>
    public async Task<bool> DeleteTrainedStyleAsync(string styleId, CancellationToken ct = default)
    {
        if (!catalogue.DeleteTrainedStyle(styleId)) return false;
        try
        {
            await bus.PublishControlAsync(new ForgetTrainedStyle(styleId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The files are gone, so no worker can paint with it; one that keeps the network frees it at its restart.
            logger.LogWarning(e, "Workers were not told that trained style {StyleId} was deleted", styleId);
        }
        return true;
    }

    public string? PaintingIdOf(string styleId) => catalogue.PaintingIdOf(styleId);

    public Task<string?> PaintingFileAsync(string styleId, bool install, CancellationToken ct = default) => catalogue.PaintingFileAsync(styleId, install, ct);

    public bool CanInstallPainting(string styleId) => catalogue.CanInstallPainting(styleId);

    public IReadOnlyList<ModelEntry> StartupModels() => catalogue.StartupModels();

    public IReadOnlyList<ModelState> ModelStates() => catalogue.ModelStates();

    public Task InstallModelAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default) =>
        catalogue.EnsureInstalledAsync(modelId, progress, ct);

    public string? WhyVideoUnavailable() => catalogue.WhyVideoUnavailable();

    public VideoInfo ProbeVideo(string path) => catalogue.ProbeVideo(path);

    /// <summary>Shows the state here at once and tells the other web nodes (best effort: they read the row otherwise).</summary>
    private async Task AnnounceAsync(JobState state)
    {
        Apply(state);
        try
        {
            await bus.PublishEventAsync(new JobChanged(state));
        }
        catch (EngineUnavailableException e)
        {
            logger.LogWarning("Could not tell the other web nodes about job {JobId}: {Message}", state.Id, e.Message);
        }
    }

    private void Retire(string jobId)
    {
        _finishedOldestFirst.Enqueue(jobId);
        while (_finishedOldestFirst.Count > RetainedFinishedStates && _finishedOldestFirst.TryDequeue(out var oldest))
        {
            if (_states.TryGetValue(oldest, out var state) && state.IsFinished) _states.TryRemove(oldest, out _);
        }
    }

    private void Subscribe(ChannelWriter<JobState> watcher)
    {
        lock (_watchers) _watchers.Add(watcher);
    }

    private void Unsubscribe(ChannelWriter<JobState> watcher)
    {
        lock (_watchers) _watchers.Remove(watcher);
        watcher.TryComplete();
    }

    /// <summary>A state from a row alone: what any node knows of a job it has heard nothing about.</summary>
    private static JobState StateOf(StoredJob row) => new(
        row.Id, StoredKinds.KindOf(row.Kind), row.Status, null, null, 0, row.Attempts, null, row.Error, row.CreatedAt, null, row.FinishedAt);

    /// <summary>What the engine on the worker threw, thrown again here, so the host's one translation of refusals applies.</summary>
    private static Exception Refused(Painted painted) => painted.Refusal switch
    {
        { Kind: RefusalKind.Request } r => new EngineRequestException(r.Problems),
        { Kind: RefusalKind.Busy } r => new EngineUnavailableException(string.Join(" ", r.Problems)),
        { Kind: RefusalKind.ModelMissing } r => new ModelInstallException(string.Join(" ", r.Problems)),
        { Kind: RefusalKind.Cancelled } => new JobFailedException(JobStatus.Cancelled, null),
        { } r => new JobFailedException(JobStatus.Failed, string.Join(" ", r.Problems)),
        null => new JobFailedException(JobStatus.Failed, "The engine sent no picture."),
    };
}
