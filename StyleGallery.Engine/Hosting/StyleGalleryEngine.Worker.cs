using Microsoft.Extensions.Logging;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Storage;

namespace StyleGallery.Engine.Hosting;

/// <summary>
/// What an engine worker behind a queue does with the durable jobs it is handed: the job's row says what to run; the
/// queue only says which row, and when.
/// </summary>
public sealed partial class StyleGalleryEngine
{
    /// <summary>
    /// Runs the durable job the store holds as <paramref name="jobId"/> here and waits for its end: from its checkpoint
    /// when an earlier run of it stopped with its process, failed for good when runs of it have ended that way
    /// <see cref="EngineSettings.MaxAttempts"/> times. Null when there is nothing to run: no such row (its owner deleted
    /// it) or it has finished (a message delivered again after the job ended). With <see cref="JobPictures"/>, an
    /// optimisation's picture is written there before its row says it ended.
    /// Cancelling <paramref name="ct"/> stops the run as a shutdown does: the row goes back to Queued, uncounted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine has no job store.</exception>
    public async Task<JobState?> RunStoredAsync(string jobId, CancellationToken ct = default)
    {
        var store = Jobs.Store ?? throw new InvalidOperationException("Only an engine with a job store runs stored jobs.");
        if (Jobs.Get(jobId) is { IsFinished: false }) return StateOf(await Jobs.WaitAsync(jobId, CancellationToken.None));
        if (await store.FindAsync(jobId, ct) is not { } row || row.Status is not (JobStatus.Queued or JobStatus.Running)) return null;
        if (row.Status == JobStatus.Running && row.Attempts >= Settings.MaxAttempts)
            return await FailStoredAsync(row, PoisonMessage(row.Attempts));
        IEngineJob job;
        try
        {
            job = await Refusals(() => JobOfAsync(EngineJson.Deserialize(row.Request), ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Job {JobId} could not be built from its stored request.", row.Id);
            return await FailStoredAsync(row, Readable(e.Message));
        }
        // A run of it that this engine handed back (the broker connection dropped) is still remembered, finished.
        if (Jobs.Get(jobId) is { IsFinished: true }) Jobs.Forget(jobId);
        if (_pictures is { } pictures && job.Kind is "gatys" or "print") job = new ResultKeepingJob(job, picture => pictures.SaveResultAsync(jobId, picture).GetAwaiter().GetResult());
        var ticket = Jobs.Submit(job, row.Id, durable: true, resumed: true, createdAt: row.CreatedAt);
        using var shutdown = ct.Register(() => Jobs.Requeue(ticket.Id));
        return StateOf(await ticket.Completion);
    }

    private async Task<JobState> FailStoredAsync(StoredJob row, string why)
    {
        await Jobs.Store!.FinishAsync(row.Id, JobStatus.Failed, why);
        _logger.LogWarning("Job {JobId} ({Kind}) was failed without running: {Why}", row.Id, row.Kind, why);
        var now = DateTimeOffset.UtcNow;
        return new JobState(row.Id, KindOf(row.Kind), JobStatus.Failed, null, null, 0, row.Attempts, null, why, row.CreatedAt, null, now);
    }

    /// <summary>Writes the picture a job returns where other processes read it, before the engine records how the job ended.</summary>
    private sealed class ResultKeepingJob(IEngineJob inner, Action<RgbImage> keep) : IEngineJob
    {
        public string Kind => inner.Kind;
        public string Description => inner.Description;
        public bool Interactive => inner.Interactive;
        public bool Transient => inner.Transient;

        public object? Run(JobContext context)
        {
            var result = inner.Run(context);
            if (result is RgbImage picture) keep(picture);
            return result;
        }
    }
}
