using System.Diagnostics;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// What a running job may use and tell: the device, a cancellation token, progress, previews and checkpoints.
/// The engine makes one per run; tests of a single job can make their own and collect what it reports.
/// </summary>
public sealed class JobContext
{
    private readonly Action<JobProgress> _onProgress;
    private readonly Action<RgbImage> _onPreview;
    private readonly JobCheckpoints _checkpoints;
    private readonly Action<string> _onWarning;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lazy<JobCheckpoint?> _resumeFrom;
    private readonly Func<bool> _cancelledByOwner;

    public JobContext(
        TorchRuntime runtime,
        CancellationToken cancellation = default,
        Action<JobProgress>? onProgress = null,
        Action<RgbImage>? onPreview = null,
        JobCheckpoints? checkpoints = null,
        Action<string>? onWarning = null,
        Func<bool>? cancelledByOwner = null)
    {
        _onWarning = onWarning ?? (_ => { });
        Runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        Cancellation = cancellation;
        _onProgress = onProgress ?? (_ => { });
        _onPreview = onPreview ?? (_ => { });
        _checkpoints = checkpoints ?? JobCheckpoints.None;
        _resumeFrom = new Lazy<JobCheckpoint?>(_checkpoints.Load, LazyThreadSafetyMode.None);
        _cancelledByOwner = cancelledByOwner ?? (() => cancellation.IsCancellationRequested);
    }

    public TorchRuntime Runtime { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Time since the job started running.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// The checkpoint an earlier run of this job left before its process stopped, or null for a first run.
    /// A job that can continue from it should, and report its steps from there.
    /// </summary>
    public JobCheckpoint? ResumeFrom => _resumeFrom.Value;

    /// <summary>
    /// True once the job's owner has cancelled it for good; false while it runs, and when the cancellation is a shutdown's
    /// (a durable job then runs again from its checkpoint, so a job keeps its checkpoint files unless this is true).
    /// </summary>
    public bool CancelledByOwner => _cancelledByOwner();

    /// <summary>True when a checkpoint saved now would outlive the process (the job is durable).</summary>
    public bool CanCheckpoint => _checkpoints.IsDurable;

    /// <summary>Keeps <paramref name="checkpoint"/> for a run after a crash; replaces the previous one.</summary>
    public void SaveCheckpoint(JobCheckpoint checkpoint) => _checkpoints.Save(checkpoint ?? throw new ArgumentNullException(nameof(checkpoint)));

    /// <summary>Something the person who asked should know although the job goes on (a photo skipped as unreadable).</summary>
    public void Warn(string warning) => _onWarning(warning ?? throw new ArgumentNullException(nameof(warning)));

    public void Report(JobProgress progress) => _onProgress(progress ?? throw new ArgumentNullException(nameof(progress)));

    /// <summary>Reports progress stamped with <see cref="Elapsed"/>.</summary>
    public void Report(int step, int totalSteps, StepLosses? losses = null, double? rate = null, TimeSpan? remaining = null, string? message = null) =>
        Report(new JobProgress(step, totalSteps, Elapsed, losses, rate, remaining, message));

    /// <summary>
    /// Offers an intermediate image. Only the newest is kept, so publishing often costs nothing however slow the
    /// viewers are. The engine keeps the reference: pass a fresh image, never a buffer the job will overwrite.
    /// </summary>
    public void PublishPreview(RgbImage preview) => _onPreview(preview ?? throw new ArgumentNullException(nameof(preview)));
}

/// <summary>How a job's checkpoints are loaded and kept; <see cref="None"/> for jobs that live only in memory.</summary>
public sealed record JobCheckpoints(Func<JobCheckpoint?> Load, Action<JobCheckpoint> Save, bool IsDurable)
{
    public static JobCheckpoints None { get; } = new(() => null, _ => { }, IsDurable: false);
}
