using System.Collections.Concurrent;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// The trainings this app started, by job id, for as long as the engine knows their jobs. The engine keeps a bounded
/// number of finished jobs and forgets older ones; above <paramref name="rememberedBeforePruning"/> entries, those it
/// has forgotten are forgotten here too, so the map holds what the engine holds, not every training since the start.
/// </summary>
/// <param name="isKnown">Whether the engine still knows a job.</param>
public sealed class LaunchedTrainings(Func<string, CancellationToken, Task<bool>> isKnown, int rememberedBeforePruning = LaunchedTrainings.RememberedBeforePruning)
{
    public const int RememberedBeforePruning = 64;

    private readonly ConcurrentDictionary<string, LaunchedTraining> _byJob = new(StringComparer.Ordinal);

    public int Count => _byJob.Count;

    public IEnumerable<LaunchedTraining> All => _byJob.Values;

    public LaunchedTraining? Find(string jobId) => _byJob.GetValueOrDefault(jobId);

    /// <summary>Remembers a training whose job is queued, and forgets those the engine has forgotten when there are many.</summary>
    public async Task AddAsync(LaunchedTraining launched, CancellationToken cancellationToken)
    {
        _byJob[launched.JobId] = launched;
        if (_byJob.Count <= rememberedBeforePruning) return;
        foreach (var jobId in _byJob.Keys)
        {
            if (!await isKnown(jobId, cancellationToken)) _byJob.TryRemove(jobId, out _);
        }
    }
}
