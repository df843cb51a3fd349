using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>A launcher that records what the cards ask of it; every start is job "job9".</summary>
internal sealed class FakeDistillationLauncher : IDistillationLauncher
{
    public string? Unavailable { get; set; }
    public UserFacingException? Failure { get; set; }
    public List<(string StyleId, DistillationOptions Options, string? Owner)> Started { get; } = [];
    public List<string> Cancelled { get; } = [];
    public Dictionary<string, LaunchedTraining> Latest { get; } = [];

    public DistillationOptions Options { get; } = new();

    public string ExpectedDuration(DistillationOptions distillation) => "about 1 hour";

    public string? WhyUnavailable(string styleId) => Unavailable;

    public Task<LaunchedTraining> StartAsync(string styleId, DistillationOptions distillation, string? owner, CancellationToken cancellationToken)
    {
        if (Failure is { } failure) throw failure;
        Started.Add((styleId, distillation, owner));
        return Task.FromResult(Latest[styleId] = new LaunchedTraining("job9", styleId + "-lite", styleId + " (lite)", styleId, owner));
    }

    public LaunchedTraining? Find(string jobId) => Latest.Values.FirstOrDefault(l => l.JobId == jobId);

    public LaunchedTraining? LatestFor(string styleId) => Latest.GetValueOrDefault(styleId);

    public Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default)
    {
        Cancelled.Add(jobId);
        return Task.FromResult(true);
    }
}
