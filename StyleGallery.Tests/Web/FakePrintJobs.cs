using StyleGallery.Engine.Fast;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web;

/// <summary>
/// Print jobs a test inspects: what was started and cancelled (by whom); <see cref="Finished"/> prints have a download;
/// a print is its starter's, or <see cref="Owners"/> says whose it is.
/// </summary>
public sealed class FakePrintJobs : IPrintJobs
{
    public List<(string StyleId, FastStyleOptions Look, int LongSide)> Started { get; } = [];
    public List<string> Cancelled { get; } = [];
    public HashSet<string> Finished { get; } = [];
    public Dictionary<string, string> Owners { get; } = [];

    public Task<string> StartAsync(byte[] photo, string styleId, FastStyleOptions look, int longSide, string? owner, CancellationToken cancellationToken)
    {
        Started.Add((styleId, look, longSide));
        var id = $"print-{Started.Count}";
        if (owner is not null) Owners[id] = owner;
        return Task.FromResult(id);
    }

    public Task<bool> CancelAsync(string id, string? owner)
    {
        if (!IsOwner(id, owner)) return Task.FromResult(false);
        Cancelled.Add(id);
        return Task.FromResult(true);
    }

    public bool IsOwner(string id, string? owner) => owner is not null && Owners.GetValueOrDefault(id) == owner;

    public List<string> Deleted { get; } = [];

    public IReadOnlyList<PrintSummary> OwnedBy(string? owner) =>
        [.. Owners.Where(o => o.Value == owner && !Deleted.Contains(o.Key)).Select(o => new PrintSummary(o.Key, DateTime.UtcNow, DownloadUrlOf(o.Key), Finished.Contains(o.Key) ? 3_500_000 : 0))];

    public Task<bool> DeleteAsync(string id, string? owner)
    {
        if (!IsOwner(id, owner)) return Task.FromResult(false);
        Deleted.Add(id);
        return Task.FromResult(true);
    }

    public string? DownloadUrlOf(string id) => Finished.Contains(id) ? PrintJobs.UrlOf(id + ".png") : null;
}
