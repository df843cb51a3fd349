using System.Runtime.CompilerServices;
using StyleGallery.Engine.Client;

namespace StyleGallery.Cli.Commands;

/// <summary>How a command follows the one job it queued.</summary>
public static class JobFollowing
{
    /// <summary>
    /// The job's states until it has finished. Ctrl+C (<paramref name="ct"/>) cancels the job, not the watch: the job
    /// stops at its next step and its last state still arrives, so a cancelled optimisation's picture can be kept.
    /// </summary>
    public static async IAsyncEnumerable<JobState> FollowAsync(this IStyleEngineClient engine, string jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cancel = ct.Register(() => _ = engine.CancelAsync(jobId, CancellationToken.None));
        await foreach (var state in engine.WatchAsync(jobId, CancellationToken.None)) yield return state;
    }
}
