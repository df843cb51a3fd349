using StyleGallery.Engine.Fast;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web;

/// <summary>Print jobs a test inspects: what was started and cancelled; <see cref="Finished"/> prints have a download.</summary>
public sealed class FakePrintJobs : IPrintJobs
{
    public List<(string StyleId, FastStyleOptions Look, int LongSide)> Started { get; } = [];
    public List<string> Cancelled { get; } = [];
    public HashSet<string> Finished { get; } = [];

    public Task<string> StartAsync(byte[] photo, string styleId, FastStyleOptions look, int longSide, string? owner, CancellationToken cancellationToken)
    {
        Started.Add((styleId, look, longSide));
        return Task.FromResult($"print-{Started.Count}");
    }

    public Task CancelAsync(string id)
    {
        Cancelled.Add(id);
        return Task.CompletedTask;
    }

    public string? DownloadUrlOf(string id) => Finished.Contains(id) ? PrintJobs.UrlOf(id + ".png") : null;
}
