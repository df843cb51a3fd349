using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// At start, after the database is migrated: the in-process engine queues again what the last process left unfinished
/// (durable rows: optimisations, trainings, videos), and the pictures are told what became of theirs. A picture whose
/// job runs again stays Queued/Running; one whose job was given up (a poison job) is failed with that reason; one
/// whose job was not durable (a one-click fast picture the restart interrupted) is failed with
/// <see cref="RestartMessage"/>, the only case a restart still costs a picture. The optimisations that run again count
/// towards their browsers' limits (<see cref="OwnerLimits.Adopt"/>).
/// </summary>
public sealed class JobRecovery(IJobResumption engine, IStyleEngineClient jobs, PictureArchive pictures, OwnerLimits limits, ILogger<JobRecovery> logger)
    : IHostedService
{
    public const string RestartMessage = "The server restarted while this picture was being painted.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await engine.ResumeAsync(cancellationToken);
        foreach (var (id, why) in report.Failed) await pictures.FailAsync(id, why, cancellationToken);
        var interrupted = await pictures.FailUnfinishedAsync(RestartMessage, except: report.Requeued.ToHashSet(StringComparer.Ordinal), cancellationToken);
        if (interrupted > 0) logger.LogWarning("Marked {Count} interrupted pictures as failed after a restart", interrupted);
        await AdoptAsync(cancellationToken);
    }

    /// <summary>Adopted first, then checked: a job that ended in between gives its slot back either way.</summary>
    private async Task AdoptAsync(CancellationToken cancellationToken)
    {
        foreach (var (jobId, owner) in await pictures.UnfinishedOptimisationsAsync(cancellationToken))
        {
            limits.Adopt(owner, JobKind.Optimise, jobId);
            if (await jobs.GetAsync(jobId, cancellationToken) is not { IsFinished: false }) limits.Ended(jobId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
