using System.Threading.Channels;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Data;

namespace StyleGallery.Web.Services.Pictures;

/// <summary>
/// Keeps optimisation records in step with the engine: on every status change of a job that has a picture record
/// (same id) it stores the status, and when the job ends it saves the final picture, or for a cancelled job the
/// picture it had reached. Engine events only enqueue the job id; one background loop reads the job's current state
/// and writes it, so the engine's thread never waits on the disk and writes never overtake each other.
/// </summary>
public sealed class PictureRecorder : BackgroundService
{
    private readonly StyleGalleryEngine _engine;
    private readonly PictureArchive _pictures;
    private readonly ResultStore _results;
    private readonly ILogger<PictureRecorder> _logger;
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public PictureRecorder(StyleGalleryEngine engine, PictureArchive pictures, ResultStore results, ILogger<PictureRecorder> logger)
    {
        (_engine, _pictures, _results, _logger) = (engine, pictures, results, logger);
        _engine.Jobs.JobChanged += OnJobChanged;
    }

    /// <summary>
    /// Records the job's state soon. Call it after adding a record: the job may have moved (even finished) before
    /// the record existed, and those events found nothing to update.
    /// </summary>
    public void Track(string jobId) => _changed.Writer.TryWrite(jobId);

    public override void Dispose()
    {
        _engine.Jobs.JobChanged -= OnJobChanged;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var jobId in _changed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RecordAsync(jobId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Could not record the state of job {Job}", jobId);
            }
        }
    }

    private void OnJobChanged(object? sender, JobEvent e)
    {
        if (e.Kind == JobEventKind.StatusChanged) Track(e.Job.Id);
    }

    private async Task RecordAsync(string jobId, CancellationToken ct)
    {
        if (_engine.Jobs.Get(jobId) is not { } job) return;
        var record = await _pictures.FindAsync(jobId, ct);
        if (record is null || record.IsFinished) return;
        var picture = job.IsFinished ? FinalPicture(job) : null;
        if (picture is not null) _results.Save(jobId, picture);
        await _pictures.UpdateAsync(jobId, r => Apply(r, job, picture), ct);
    }

    private RgbImage? FinalPicture(JobSnapshot job) => job.Result as RgbImage ?? _engine.Jobs.LatestPreview(job.Id);

    private static void Apply(PictureRecord record, JobSnapshot job, RgbImage? picture)
    {
        record.Status = StatusOf(job.Status);
        record.Error = job.Error;
        record.Steps = job.Progress?.Step ?? record.Steps;
        record.FinishedAt = job.FinishedAt;
        if (picture is null) return;
        record.Width = picture.Width;
        record.Height = picture.Height;
    }

    private static PictureStatus StatusOf(JobStatus status) => status switch
    {
        JobStatus.Queued => PictureStatus.Queued,
        JobStatus.Running => PictureStatus.Running,
        JobStatus.Succeeded => PictureStatus.Succeeded,
        JobStatus.Cancelled => PictureStatus.Cancelled,
        _ => PictureStatus.Failed,
    };
}
