using StyleGallery.Engine.Training.Distillation;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// Makes a style's live version (a lite network distilled from its fast one, for the live camera), as a style card's
/// "Make a live version" starts it: a long engine job like a training, its browser's until published.
/// </summary>
public interface IDistillationLauncher
{
    /// <summary>What a live version is made with: <see cref="DistillationOptions"/>' defaults.</summary>
    DistillationOptions Options { get; }

    /// <summary>How long <paramref name="distillation"/> takes on this kind of machine, in words: "about 1 hour".</summary>
    string ExpectedDuration(DistillationOptions distillation);

    /// <summary>Null when <paramref name="styleId"/> can get a live version here now; otherwise why not, for the person.</summary>
    string? WhyUnavailable(string styleId);

    /// <summary>Queues the distillation of <paramref name="styleId"/>'s live version.</summary>
    /// <exception cref="UserFacingException">No owner cookie, the style cannot have one, the disk or quota is full, or the engine is busy.</exception>
    /// <exception cref="OwnerLimitException">This browser already has a live version being made.</exception>
    Task<LaunchedTraining> StartAsync(string styleId, DistillationOptions distillation, string? owner, CancellationToken cancellationToken);

    /// <summary>A distillation this app started, by job id, or null.</summary>
    LaunchedTraining? Find(string jobId);

    /// <summary>The newest distillation this app started of <paramref name="styleId"/> (the teacher), or null: how a card finds its job again after a reload.</summary>
    LaunchedTraining? LatestFor(string styleId);

    /// <summary>Stops a distillation between two steps (nothing is listed, its checkpoints are deleted); only for the browser that started it.</summary>
    Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default);
}
