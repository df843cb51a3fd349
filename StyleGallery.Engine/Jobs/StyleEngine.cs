using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using TorchSharp;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// Owns one device and runs jobs on it one at a time, first come first served, from a bounded queue; interactive jobs
/// (<see cref="IEngineJob.Interactive"/>) go ahead of queued long ones and run between two progress reports of a
/// running long one, still on the same thread. Make one per device and share it (the CLI and the web app both talk to
/// it). All torch work happens on the engine's own named background thread, because torch's dispose scopes and grad
/// mode belong to a thread.
/// <see cref="JobChanged"/> is raised on a separate delivery thread, so subscribers cannot slow or break the jobs.
/// </summary>
public sealed class StyleEngine : IDisposable
{
    private readonly object _lock = new();
    private readonly List<JobRecord> _queue = [];
    private readonly Dictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly Queue<JobRecord> _finishedOldestFirst = new();
    private readonly JobEventDispatcher _events;
    private readonly Thread _worker;
    private readonly ILogger _logger;
    private readonly IJobStore? _store;
    private JobRecord? _running;

    /// <summary>Interactive jobs started in a row while the engine had no long job running.</summary>
    private int _interactiveAhead;

    /// <summary>How many interactive jobs may start in a row ahead of a waiting long job.</summary>
    private const int MaxInteractiveAhead = 8;
    private bool _disposed;

    /// <param name="store">Where durable jobs' rows live; null when no job outlives the process (the CLI).</param>
    public StyleEngine(TorchRuntime runtime, EngineOptions? options = null, ILogger<StyleEngine>? logger = null, IJobStore? store = null)
    {
        Runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        Options = options ?? new EngineOptions();
        _store = store;
        _logger = logger ?? NullLogger<StyleEngine>.Instance;
        var name = $"StyleGallery engine ({runtime.Device.type})";
        _events = new JobEventDispatcher(this, () => JobChanged, _logger, name + " events");
        _worker = new Thread(RunJobsUntilDisposed) { Name = name, IsBackground = true };
        _worker.Start();
    }

    public TorchRuntime Runtime { get; }

    public EngineOptions Options { get; }

    /// <summary>
    /// Raised, in order, when a job is queued, starts, reports progress, publishes a preview, moves up the queue
    /// or finishes. Runs on the engine's event thread, never the job thread; an exception from a subscriber is
    /// logged and does not reach other subscribers or the engine.
    /// </summary>
    public event EventHandler<JobEvent>? JobChanged;

    /// <summary>The store durable jobs' rows live in, or null.</summary>
    public IJobStore? Store => _store;

    /// <summary>Queues a job behind the others.</summary>
    /// <param name="id">The job's id; null makes a new one. A durable job's id is its row's.</param>
    /// <param name="durable">The job has a row in <see cref="Store"/> (added by the caller), which the engine keeps in step.</param>
    /// <param name="resumed">A job an earlier process accepted: it is queued even when the queue is full.</param>
    /// <exception cref="QueueFullException">Options.QueueCapacity jobs are already waiting.</exception>
    /// <exception cref="ObjectDisposedException">The engine has been shut down.</exception>
    public JobTicket Submit(IEngineJob job, string? id = null, bool durable = false, bool resumed = false, DateTimeOffset? createdAt = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Kind, nameof(job));
        if (durable && _store is null) throw new InvalidOperationException("A durable job needs an engine with a job store.");
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!resumed && _queue.Count >= Options.QueueCapacity) throw new QueueFullException(_queue.Count, Options.QueueCapacity);
            var record = new JobRecord(id ?? JobIds.New(), job, createdAt ?? DateTimeOffset.UtcNow, durable);
            if (_jobs.ContainsKey(record.Id)) throw new ArgumentException($"A job with id '{record.Id}' exists already.", nameof(id));
            _jobs.Add(record.Id, record);
            var place = job.Interactive ? FirstLongJobInQueue() : _queue.Count;
            _queue.Insert(place, record);
            Raise(JobEventKind.StatusChanged, record);
            if (place < _queue.Count - 1) RaiseQueueMoved();
            Monitor.Pulse(_lock);
            return new JobTicket(record.Id, record.Completion.Task);
        }
    }

    /// <summary>
    /// Cancels a job. A queued job is removed and marked Cancelled at once; a running job has its token cancelled
    /// and becomes Cancelled when its Run returns. False when the id is unknown or the job has already finished.
    /// </summary>
    public bool Cancel(string id) => Stop(id, forget: false);

    /// <summary>
    /// Forgets a job for good, as when its owner deletes it: a queued one is cancelled and dropped at once, a running one
    /// is cancelled and dropped when it stops, a finished one is dropped with its result and previews. False when the
    /// id is unknown.
    /// </summary>
    public bool Forget(string id) => Stop(id, forget: true);

    /// <summary>
    /// Stops a job the way a shutdown does, not as its owner's cancel: a durable job's row goes back to Queued without
    /// counting the attempt, for another process to run (an engine worker handing its job back to the queue).
    /// </summary>
    public bool Requeue(string id) => Stop(id, forget: false, byUser: false);

    private bool Stop(string id, bool forget, bool byUser = true)
    {
        JobRecord? cancelledInQueue = null;
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var record)) return false;
            record.ForgetWhenFinished |= forget;
            switch (record.Status)
            {
                case JobStatus.Queued:
                    _queue.Remove(record);
                    record.RequestCancellation(byUser);
                    Finish(record, JobStatus.Cancelled, result: null, error: null);
                    RaiseQueueMoved();
                    cancelledInQueue = record;
                    break;
                case JobStatus.Running:
                    record.RequestCancellation(byUser);
                    return true;
                case var _ when forget:
                    _jobs.Remove(id);
                    record.DropPictures();
                    return true;
                default:
                    return false;
            }
        }
        Persist(cancelledInQueue, JobStatus.Cancelled, error: null);
        return true;
    }

    /// <summary>
    /// The job's current state, or null if the id is unknown, long forgotten, or being forgotten (its owner deleted it and
    /// it is still stopping: from the delete on, nothing shows it).
    /// </summary>
    public JobSnapshot? Get(string id)
    {
        lock (_lock) return Visible(id) is { } record ? Snapshot(record) : null;
    }

    /// <summary>Every job the engine still remembers, oldest first.</summary>
    public IReadOnlyList<JobSnapshot> ListJobs()
    {
        lock (_lock) return _jobs.Values.Where(r => !r.ForgetWhenFinished).OrderBy(r => r.CreatedAt).Select(Snapshot).ToList();
    }

    /// <summary>The newest preview the job published, or null if none (or the id is unknown).</summary>
    public RgbImage? LatestPreview(string id)
    {
        lock (_lock) return Visible(id)?.LatestPreview;
    }

    /// <summary>Waits for the job to finish and returns its final state, whatever that is.</summary>
    /// <exception cref="JobNotFoundException">The id is unknown.</exception>
    public Task<JobSnapshot> WaitAsync(string id, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var record)) throw new JobNotFoundException(id);
            return record.Completion.Task.WaitAsync(cancellation);
        }
    }

    /// <summary>
    /// The job's current state as a first event, then every later event of that job until it finishes.
    /// Events posted just before the call may be seen twice; each carries a full snapshot, so that is harmless.
    /// </summary>
    /// <exception cref="JobNotFoundException">The id is unknown.</exception>
    public async IAsyncEnumerable<JobEvent> WatchAsync(string id, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var events = Channel.CreateUnbounded<JobEvent>(new UnboundedChannelOptions { SingleReader = true });
        void Forward(object? sender, JobEvent jobEvent)
        {
            if (jobEvent.Job.Id != id) return;
            events.Writer.TryWrite(jobEvent);
            if (jobEvent.Job.IsFinished) events.Writer.TryComplete();
        }

        // Subscribe before reading the state, so nothing can happen in between unseen.
        JobChanged += Forward;
        try
        {
            var current = Get(id) ?? throw new JobNotFoundException(id);
            yield return new JobEvent(JobEventKind.StatusChanged, current);
            if (current.IsFinished) yield break;
            await foreach (var jobEvent in events.Reader.ReadAllAsync(cancellation)) yield return jobEvent;
        }
        finally
        {
            JobChanged -= Forward;
        }
    }

    /// <summary>
    /// Cancels every queued job, cancels the running one and waits (up to Options.ShutdownTimeout) for it to stop.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            // Durable rows stay Queued: the next process runs them.
            foreach (var queued in _queue) Finish(queued, JobStatus.Cancelled, result: null, error: null);
            _queue.Clear();
            _running?.RequestCancellation(byUser: false);
            Monitor.PulseAll(_lock);
        }
        JoinWorker();
        _events.Complete(Options.ShutdownTimeout);
    }

    private void JoinWorker()
    {
        // A job that disposes its own engine would otherwise wait for itself.
        if (Thread.CurrentThread == _worker) return;
        if (!_worker.Join(Options.ShutdownTimeout))
            _logger.LogWarning("The running job ignored cancellation for {Timeout}; the engine shut down without it.", Options.ShutdownTimeout);
    }

    private void RunJobsUntilDisposed()
    {
        while (TakeNextJob() is { } record)
        {
            var (status, result, error) = Execute(record);
            bool idle;
            lock (_lock)
            {
                _running = null;
                Finish(record, status, result, error);
                idle = _queue.Count == 0;
            }
            Persist(record, status, error);
            if (idle) NativeHeap.Trim();
        }
    }

    private int FirstLongJobInQueue()
    {
        var index = _queue.FindIndex(r => !r.Job.Interactive);
        return index < 0 ? _queue.Count : index;
    }

    /// <summary>
    /// Called from a long job's progress report, on the engine thread between two of its steps: runs the interactive
    /// jobs that were waiting when it was called, then lets the long job go on, so a steady stream of interactive work
    /// (a cluster's worth of fast pictures) cannot starve it: it takes at least one step per batch. Its tensors stay alive
    /// meanwhile; an interactive job opens its own dispose scope and no_grad, so it neither frees nor records into the
    /// long job's graph.
    /// </summary>
    private void RunWaitingInteractiveJobs(JobRecord running)
    {
        if (running.Job.Interactive || Thread.CurrentThread != _worker) return;
        int waiting;
        lock (_lock) waiting = _queue.Count(r => r.Job.Interactive);
        while (waiting-- > 0 && TakeNextInteractiveJob() is { } record)
        {
            var (status, result, error) = Execute(record);
            lock (_lock) Finish(record, status, result, error);
            Persist(record, status, error);
        }
    }

    private JobRecord? TakeNextInteractiveJob()
    {
        lock (_lock)
        {
            if (_disposed || _queue.Count == 0 || !_queue[0].Job.Interactive) return null;
            return StartFirstQueued();
        }
    }

    private JobRecord StartFirstQueued() => Start(0);

    private JobRecord Start(int index)
    {
        var record = _queue[index];
        _queue.RemoveAt(index);
        _interactiveAhead = record.Job.Interactive ? _interactiveAhead + 1 : 0;
        record.MarkRunning(DateTimeOffset.UtcNow);
        Raise(JobEventKind.StatusChanged, record);
        RaiseQueueMoved();
        return record;
    }

    private JobRecord? TakeNextJob()
    {
        lock (_lock)
        {
            while (_queue.Count == 0 && !_disposed) Monitor.Wait(_lock);
            if (_disposed) return null;
            // Interactive jobs go first, but a long job waiting behind a stream of them starts after a few: once it runs,
            // they run between its steps anyway.
            var longJob = FirstLongJobInQueue();
            _running = _interactiveAhead >= MaxInteractiveAhead && longJob < _queue.Count ? Start(longJob) : StartFirstQueued();
            return _running;
        }
    }

    /// <summary>Runs the job and turns however it ended into a status; nothing a job throws escapes.</summary>
    private (JobStatus Status, object? Result, string? Error) Execute(JobRecord record)
    {
        MarkRunningInStore(record);
        if (record.CancellationRequested) return (JobStatus.Cancelled, null, null);
        var context = new JobContext(Runtime, record.CancellationToken, p => ReportProgress(record, p), p => PublishPreview(record, p), CheckpointsOf(record),
            warning => { lock (_lock) record.Warn(warning); }, () => record.CancelledByUser);
        try
        {
            object? result;
            // Frees whatever tensors the job forgot, so one careless job cannot leak memory into the next.
            using (torch.NewDisposeScope()) result = record.Job.Run(context);
            return (record.CancellationRequested ? JobStatus.Cancelled : JobStatus.Succeeded, result, null);
        }
        catch (OperationCanceledException) when (record.CancellationRequested)
        {
            return (JobStatus.Cancelled, null, null);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Job {JobId} ({Kind}) failed.", record.Id, record.Kind);
            return (JobStatus.Failed, null, ex.Message);
        }
    }

    /// <summary>
    /// Counts the attempt before the job runs, so a job that kills the process is counted even so; a row that another
    /// process ended meanwhile cancels the run.
    /// </summary>
    private void MarkRunningInStore(JobRecord record)
    {
        if (!record.Durable) return;
        try
        {
            record.Attempt = _store!.MarkRunningAsync(record.Id).GetAwaiter().GetResult();
            if (record.Attempt > 0) return;
            // Cancelled while it waited, or deleted, by another process: the row is the truth.
            _logger.LogInformation("Job {JobId} has finished or gone in the job store; it is not run.", record.Id);
            record.RequestCancellation(byUser: true);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Could not mark job {JobId} running in the job store; it runs anyway.", record.Id);
        }
    }

    private JobCheckpoints CheckpointsOf(JobRecord record)
    {
        if (!record.Durable) return JobCheckpoints.None;
        return new JobCheckpoints(
            () =>
            {
                var checkpoint = CallStore(record, "read the checkpoint of", () => _store!.CheckpointAsync(record.Id));
                if (checkpoint is not null) lock (_lock) record.ResumedFrom = checkpoint.Step;
                return checkpoint;
            },
            checkpoint => CallStore(record, "save a checkpoint of", async () => { await _store!.SaveCheckpointAsync(record.Id, checkpoint); return true; }),
            IsDurable: true);
    }

    /// <summary>
    /// Writes how a durable job ended. A job the engine's shutdown stopped goes back to Queued, so the next process
    /// runs it (from its checkpoint); anything else is final.
    /// </summary>
    private void Persist(JobRecord? record, JobStatus status, string? error)
    {
        if (record is not { Durable: true }) return;
        var stoppedByShutdown = status == JobStatus.Cancelled && !record.CancelledByUser;
        CallStore(record, "record the end of", async () =>
        {
            if (stoppedByShutdown) await _store!.RequeueAsync(record.Id);
            else await _store!.FinishAsync(record.Id, status, error);
            return true;
        });
    }

    /// <summary>A store that fails must not stop the engine; it is logged, and the job goes on in memory.</summary>
    private T? CallStore<T>(JobRecord record, string what, Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Could not {What} job {JobId} in the job store.", what, record.Id);
            return default;
        }
    }

    private void ReportProgress(JobRecord record, JobProgress progress)
    {
        lock (_lock)
        {
            // A job that kept its context past the end of Run must not rewrite history.
            if (record.Status != JobStatus.Running) return;
            record.Progress = progress;
            Raise(JobEventKind.Progress, record);
        }
        RunWaitingInteractiveJobs(record);
    }

    private void PublishPreview(JobRecord record, RgbImage preview)
    {
        record.LatestPreview = preview;
        lock (_lock) Raise(JobEventKind.PreviewPublished, record);
    }

    private void Finish(JobRecord record, JobStatus status, object? result, string? error)
    {
        record.MarkFinished(status, result, error, DateTimeOffset.UtcNow);
        var snapshot = Snapshot(record);
        _events.Post(new JobEvent(JobEventKind.StatusChanged, snapshot));
        record.Completion.TrySetResult(snapshot);
        ForgetOldFinishedJobs(record);
    }

    private void ForgetOldFinishedJobs(JobRecord justFinished)
    {
        if (justFinished.Job.Transient || justFinished.ForgetWhenFinished)
        {
            _jobs.Remove(justFinished.Id);
            if (justFinished.ForgetWhenFinished) justFinished.DropPictures();
            return;
        }
        _finishedOldestFirst.Enqueue(justFinished);
        while (_finishedOldestFirst.Count > Options.RetainedFinishedJobs) _jobs.Remove(_finishedOldestFirst.Dequeue().Id);
    }

    private void RaiseQueueMoved()
    {
        foreach (var queued in _queue) Raise(JobEventKind.QueuePositionChanged, queued);
    }

    private void Raise(JobEventKind kind, JobRecord record) => _events.Post(new JobEvent(kind, Snapshot(record)));

    private JobRecord? Visible(string id) => _jobs.TryGetValue(id, out var record) && !record.ForgetWhenFinished ? record : null;

    private JobSnapshot Snapshot(JobRecord record) =>
        record.ToSnapshot(record.Status == JobStatus.Queued ? _queue.IndexOf(record) + 1 : null);
}
