using System.Collections.Concurrent;
using System.Threading.Channels;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Services.Pictures;

/// <summary>
/// Keeps optimisation records in step with the engine: whenever the status of an optimisation that has a picture record
/// (same id) changes, it stores the status, and when the job ends it saves the final picture, or for a cancelled job
/// the picture it had reached. Changes only queue the job id; one writer loop reads the job's state now and writes it,
/// so writes never overtake each other, and writing a finished job twice leaves the same one picture.
/// </summary>
public sealed class PictureRecorder(IStyleEngineClient engine, PictureArchive pictures, ResultStore results, ILogger<PictureRecorder> logger)
    : JobWatcher(engine, logger)
{
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The last status queued per unfinished job: progress reports repeat it, and need no write.</summary>
    private readonly ConcurrentDictionary<string, JobStatus> _statusQueued = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the job's state soon. Call it after adding a record: the job may have moved (even finished) before the
    /// record existed, and those changes found nothing to update.
    /// </summary>
    public void Track(string jobId) => _changed.Writer.TryWrite(jobId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(base.ExecuteAsync(stoppingToken), WriteAsync(stoppingToken));

    protected override Task OnChangedAsync(JobState state, CancellationToken cancellationToken)
    {
        if (state.Kind != JobKind.Optimise) return Task.CompletedTask;
        if (state.IsFinished) _statusQueued.TryRemove(state.Id, out _);
        else if (_statusQueued.TryGetValue(state.Id, out var queued) && queued == state.Status) return Task.CompletedTask;
        else _statusQueued[state.Id] = state.Status;
        Track(state.Id);
        return Task.CompletedTask;
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var jobId in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RecordAsync(jobId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Logger.LogError(e, "Could not record the state of job {Job}", jobId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the app is stopping
        }
    }

    private async Task RecordAsync(string jobId, CancellationToken ct)
    {
        if (await Engine.GetAsync(jobId, ct) is not { } state) return;
        var record = await pictures.FindAsync(jobId, ct);
        if (record is null || record.IsFinished) return;
        var size = state.IsFinished && await FinalPictureAsync(jobId, ct) is { } png ? results.Save(jobId, png) : ((int, int)?)null;
        var bytes = results.SizeOf(jobId);
        await pictures.UpdateAsync(jobId, r => Apply(r, state, size, bytes), ct);
    }

    /// <summary>The result; a cancelled or failed run has none, and keeps the newest picture it had shown.</summary>
    private async Task<byte[]?> FinalPictureAsync(string jobId, CancellationToken ct) =>
        await Engine.ResultAsync(jobId, ct) ?? await Engine.PreviewAsync(jobId, ct);

    private static void Apply(PictureRecord record, JobState state, (int Width, int Height)? size, long bytes)
    {
        record.Bytes = bytes;
        record.Status = StatusOf(state.Status);
        record.Error = state.Error;
        record.Steps = state.Progress?.Step ?? record.Steps;
        record.FinishedAt = state.FinishedAt;
        if (size is not { } picture) return;
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
