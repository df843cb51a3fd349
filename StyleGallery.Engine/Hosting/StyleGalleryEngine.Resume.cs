using Microsoft.Extensions.Logging;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Hosting;

/// <summary>What <see cref="StyleGalleryEngine.ResumeAsync"/> did with each unfinished job of the store.</summary>
/// <param name="Requeued">Queued again (a running one will go on from its checkpoint).</param>
/// <param name="Failed">Given up, with why: a poison job, or a request this build cannot run any more.</param>
public sealed record ResumeReport(IReadOnlyList<string> Requeued, IReadOnlyDictionary<string, string> Failed);

/// <summary>Durable jobs after a restart.</summary>
public sealed partial class StyleGalleryEngine
{
    /// <summary>The message of a job failed because runs of it kept ending with the process dying.</summary>
    public static string PoisonMessage(int attempts) =>
        $"This job was stopped for good: the server stopped {attempts} times while it ran, so it may be what stops it. The jobs behind it went on.";

    /// <summary>
    /// Queues again every job the store holds unfinished, oldest first, even past the queue's capacity: queued ones
    /// simply run; one that was running when its process died runs again from its checkpoint, unless runs of it have
    /// ended that way <see cref="EngineSettings.MaxAttempts"/> times (then it is failed, so it cannot loop).
    /// Call once at start, before taking new requests. Without a store there is nothing to resume.
    /// </summary>
    public async Task<ResumeReport> ResumeAsync(CancellationToken ct = default)
    {
        var requeued = new List<string>();
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Jobs.Store is not { } store) return new ResumeReport(requeued, failed);
        foreach (var row in await store.UnfinishedAsync(ct))
        {
            var why = row.Status == JobStatus.Running && row.Attempts >= Settings.MaxAttempts
                ? PoisonMessage(row.Attempts)
                : await RequeueAsync(row, ct);
            if (why is null)
            {
                requeued.Add(row.Id);
                continue;
            }
            await store.FinishAsync(row.Id, JobStatus.Failed, why, ct);
            failed[row.Id] = why;
            _logger.LogWarning("Job {JobId} ({Kind}) was not resumed: {Why}", row.Id, row.Kind, why);
        }
        if (requeued.Count > 0) _logger.LogInformation("Resumed {Count} unfinished jobs after a restart.", requeued.Count);
        return new ResumeReport(requeued, failed);
    }

    /// <summary>Rebuilds the job from its stored request and queues it; null when queued, else why not.</summary>
    private async Task<string?> RequeueAsync(StoredJob row, CancellationToken ct)
    {
        try
        {
            var job = await Refusals(() => JobOfAsync(EngineJson.Deserialize(row.Request), ct));
            Jobs.Submit(job, row.Id, durable: true, resumed: true, createdAt: row.CreatedAt);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Job {JobId} could not be rebuilt after a restart.", row.Id);
            return $"This job could not be resumed after the server restarted: {Readable(e.Message)}";
        }
    }
}
