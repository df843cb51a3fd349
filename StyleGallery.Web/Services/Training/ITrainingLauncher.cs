using StyleGallery.Engine.Training;

namespace StyleGallery.Web.Services.Training;

/// <summary>Trains a style's painting into a new fast style, as the gallery's "Make this a fast style" starts it.</summary>
public interface ITrainingLauncher
{
    /// <summary>The settings a person chooses from, quickest first.</summary>
    IReadOnlyList<TrainingPreset> Presets { get; }

    /// <summary>Null when this style's painting can be trained into a fast style here; otherwise why not, for the person.</summary>
    string? WhyUnavailable(string styleId);

    /// <summary>The id a new style with this name would get, or what is wrong with the name.</summary>
    Task<StyleName> CheckNameAsync(string title, CancellationToken cancellationToken = default);

    /// <summary>Queues a background training of <paramref name="fromStyleId"/>'s painting; the result is the style <see cref="CheckNameAsync"/> names.</summary>
    /// <exception cref="UserFacingException">The browser has no owner cookie, the name, the painting or the settings cannot be used, or the engine is busy.</exception>
    /// <exception cref="OwnerLimitException">This browser already has a training on its way.</exception>
    Task<LaunchedTraining> StartAsync(string fromStyleId, string title, TrainingOptions training, string? owner, CancellationToken cancellationToken);

    /// <summary>A training this app started, or null (another process's, or from before a restart).</summary>
    LaunchedTraining? Find(string jobId);

    /// <summary>Stops a training between two steps (its last checkpoint stays on disk); only for the browser that started it.</summary>
    Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default);
}
