using StyleGallery.Engine.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>A launcher that records what the components ask of it; names are checked by the real rules plus a list of taken ids.</summary>
internal sealed class FakeTrainingLauncher : ITrainingLauncher
{
    public string? Unavailable { get; set; }
    public HashSet<string> TakenIds { get; } = [];
    public UserFacingException? Failure { get; set; }
    public List<(string From, string Title, TrainingOptions Options)> Started { get; } = [];
    public List<string> Cancelled { get; } = [];

    public IReadOnlyList<TrainingPreset> Presets => TrainingPreset.Defaults;

    public string? WhyUnavailable(string styleId) => Unavailable;

    public Task<StyleName> CheckNameAsync(string title, CancellationToken cancellationToken = default)
    {
        var name = StyleName.From(title);
        return Task.FromResult(name.IsValid && TakenIds.Contains(name.Id) ? name.Taken($"A style called “{name.Id}” exists already.") : name);
    }

    public Dictionary<string, LaunchedTraining> Launched { get; } = [];

    public Task<LaunchedTraining> StartAsync(string fromStyleId, string title, TrainingOptions options, string? owner, CancellationToken cancellationToken)
    {
        if (Failure is { } failure) throw failure;
        Started.Add((fromStyleId, title, options));
        return Task.FromResult(Launched["job7"] = new LaunchedTraining("job7", StyleName.From(title).Id, title, fromStyleId, owner));
    }

    public LaunchedTraining? Find(string jobId) => Launched.GetValueOrDefault(jobId);

    public Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default)
    {
        Cancelled.Add(jobId);
        return Task.FromResult(true);
    }
}
