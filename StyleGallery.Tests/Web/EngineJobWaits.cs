using StyleGallery.Engine.Client;

namespace StyleGallery.Tests.Web;

/// <summary>Waiting for a job through the contract, as the web app itself would.</summary>
internal static class EngineJobWaits
{
    /// <summary>The job's final state; a job the engine does not know is a failure of the test.</summary>
    public static async Task<JobState> WaitUntilFinishedAsync(this IStyleEngineClient engine, string jobId, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await foreach (var state in engine.WatchAsync(jobId, limit.Token))
        {
            if (state.IsFinished) return state;
        }
        return await engine.GetAsync(jobId, limit.Token) ?? throw new InvalidOperationException($"The engine does not know job {jobId}.");
    }
}
