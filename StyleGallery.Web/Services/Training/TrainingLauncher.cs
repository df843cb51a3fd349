using System.Collections.Concurrent;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Training;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// Queues training jobs on the engine: the style's painting (<see cref="PaintingFiles"/>) over the configured folder of
/// photos (<see cref="StyleGalleryWebOptions.TrainingPhotosDirectory"/>). The engine keeps a copy of the painting beside
/// the trained network, so the new style shows it in the gallery.
/// </summary>
public sealed class TrainingLauncher(StyleGalleryEngine engine, PaintingFiles paintings, StyleGalleryWebOptions options, ILogger<TrainingLauncher> logger)
    : ITrainingLauncher
{
    private readonly ConcurrentDictionary<string, LaunchedTraining> _launched = new();

    public IReadOnlyList<TrainingPreset> Presets => TrainingPreset.Defaults;

    public string? WhyUnavailable(string styleId)
    {
        if (options.TrainingPhotosDirectory is not { } photos || !Directory.Exists(photos))
            return "Training needs a folder of photos, and none is configured here (setting StyleGallery:TrainingPhotosDirectory).";
        return paintings.HasPainting(styleId) ? null : "This style has no painting to learn from.";
    }

    public StyleName CheckName(string title)
    {
        var name = StyleName.From(title);
        if (!name.IsValid) return name;
        if (engine.Catalog.Contains(name.Id) || engine.UserStyles.Contains(name.Id))
            return name.Taken($"A style called “{name.Id}” exists already; choose another name.");
        return IsBeingTrained(name.Id) ? name.Taken($"A style called “{name.Id}” is being trained right now; choose another name.") : name;
    }

    public async Task<LaunchedTraining> StartAsync(string fromStyleId, string title, TrainingOptions training, string? owner, CancellationToken cancellationToken)
    {
        if (WhyUnavailable(fromStyleId) is { } reason) throw new UserFacingException(reason);
        var name = CheckName(title);
        if (name.Problem is { } problem) throw new UserFacingException(problem);
        try
        {
            var painting = await paintings.FindAsync(fromStyleId, cancellationToken) ?? throw new UserFacingException("This style has no painting to learn from.");
            var request = new TrainingRequest(painting, options.TrainingPhotosDirectory!, OutputPath: "", training);
            var ticket = await engine.SubmitTrainingAsync(request, name.Id, name.Title, cancellationToken);
            var launched = new LaunchedTraining(ticket.Id, name.Id, name.Title, fromStyleId, owner);
            _launched[ticket.Id] = launched;
            return launched;
        }
        catch (Exception e) when (e is InvalidTrainingOptionsException or InvalidUserStyleException or QueueFullException)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "No loss network or painting for training {Style}", name.Id);
            throw new UserFacingException("Training needs a VGG loss network, and none is installed or could be installed right now.", e);
        }
    }

    public LaunchedTraining? Find(string jobId) => _launched.GetValueOrDefault(jobId);

    public bool Cancel(string jobId, string? owner) =>
        Find(jobId) is { Owner: { } startedBy } && startedBy == owner && engine.Jobs.Cancel(jobId);

    private bool IsBeingTrained(string styleId) =>
        _launched.Values.Any(l => l.StyleId == styleId && engine.Jobs.Get(l.JobId) is { Status: JobStatus.Queued or JobStatus.Running });
}
