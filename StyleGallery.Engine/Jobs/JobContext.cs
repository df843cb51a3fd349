using System.Diagnostics;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Jobs;

/// <summary>
/// What a running job may use and tell: the device, a cancellation token, progress and previews.
/// The engine makes one per run; tests of a single job can make their own and collect what it reports.
/// </summary>
public sealed class JobContext
{
    private readonly Action<JobProgress> _onProgress;
    private readonly Action<RgbImage> _onPreview;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public JobContext(
        TorchRuntime runtime,
        CancellationToken cancellation = default,
        Action<JobProgress>? onProgress = null,
        Action<RgbImage>? onPreview = null)
    {
        Runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        Cancellation = cancellation;
        _onProgress = onProgress ?? (_ => { });
        _onPreview = onPreview ?? (_ => { });
    }

    public TorchRuntime Runtime { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Time since the job started running.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(JobProgress progress) => _onProgress(progress ?? throw new ArgumentNullException(nameof(progress)));

    /// <summary>Reports progress stamped with <see cref="Elapsed"/>.</summary>
    public void Report(int step, int totalSteps, IReadOnlyDictionary<string, double>? metrics = null, string? message = null) =>
        Report(new JobProgress(step, totalSteps, Elapsed, metrics, message));

    /// <summary>
    /// Offers an intermediate image. Only the newest is kept, so publishing often costs nothing however slow the
    /// viewers are. The engine keeps the reference: pass a fresh image, never a buffer the job will overwrite.
    /// </summary>
    public void PublishPreview(RgbImage preview) => _onPreview(preview ?? throw new ArgumentNullException(nameof(preview)));
}
