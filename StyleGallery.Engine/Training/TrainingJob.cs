using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Training;

/// <summary>
/// A training run as an engine job: progress with the loss terms, images/s and ETA, previews at every checkpoint,
/// cancellation between steps, and the finished network registered as a user style under <paramref name="styleId"/>
/// with a copy of its painting (the gallery's picture of it).
/// </summary>
public sealed class TrainingJob(FastStyleTrainer trainer, TrainingRequest request, UserStyles registry, string styleId, string title)
    : EngineJob<TrainingResult>
{
    public override string Kind => "train";

    public override string Description => $"Train fast style '{styleId}' on {Path.GetFileName(request.StyleImagePath)}";

    /// <summary>Names of the metrics every progress report carries.</summary>
    public static class Metrics
    {
        public const string Content = "content";
        public const string Style = "style";
        public const string TotalVariation = "tv";
        public const string Total = "total";
        public const string ImagesPerSecond = "images_per_s";
        public const string RemainingSeconds = "eta_s";
    }

    public override TrainingResult Run(JobContext context)
    {
        var target = request with { OutputPath = registry.PathOf(styleId) };
        var result = trainer.Train(target, context.Cancellation,
            progress => context.Report(progress.Step, progress.TotalSteps, MetricsOf(progress)),
            (_, preview) => context.PublishPreview(preview));
        var painting = registry.KeepPainting(styleId, request.StyleImagePath);
        registry.Register(styleId, title, Path.GetFileName(request.StyleImagePath), result.Steps, painting);
        return result;
    }

    private static Dictionary<string, double> MetricsOf(TrainingProgress p) => new()
    {
        [Metrics.Content] = p.Loss.Content,
        [Metrics.Style] = p.Loss.Style,
        [Metrics.TotalVariation] = p.Loss.TotalVariation,
        [Metrics.Total] = p.Loss.Total,
        [Metrics.ImagesPerSecond] = p.ImagesPerSecond,
        [Metrics.RemainingSeconds] = p.Remaining?.TotalSeconds ?? 0,
    };
}
