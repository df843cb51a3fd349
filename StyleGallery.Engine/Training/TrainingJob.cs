using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Training;

/// <summary>
/// A training run as an engine job: progress with the loss terms, images/s and ETA, previews at every checkpoint,
/// cancellation between steps, and the finished network registered as a user style under <paramref name="styleId"/>
/// with a copy of its painting (the gallery's picture of it). A durable job records each checkpoint the trainer
/// writes, and a run after a crash resumes from the last one (weights and optimiser state, at its step).
/// </summary>
public sealed class TrainingJob(FastStyleTrainer trainer, TrainingRequest request, UserStyles registry, string styleId, string title)
    : EngineJob<TrainingResult>
{
    public override string Kind => "train";

    public override string Description => $"Train fast style '{styleId}' on {Path.GetFileName(request.StyleImagePath)}";

    public override TrainingResult Run(JobContext context)
    {
        var target = request with { OutputPath = registry.PathOf(styleId) };
        target = target with { ResumeFrom = FileCheckpoints.Resumable(context) ?? target.ResumeFrom };
        var result = trainer.Train(target, context.Cancellation,
            progress => context.Report(progress.Step, progress.TotalSteps,
                new StepLosses(progress.Loss.Total, progress.Loss.Content, progress.Loss.Style, progress.Loss.TotalVariation),
                progress.ImagesPerSecond, progress.Remaining),
            (step, preview) =>
            {
                context.PublishPreview(preview);
                FileCheckpoints.Record(context, step, Path.Combine(target.EffectiveCheckpointFolder, $"checkpoint-{step:D6}.safetensors"));
            });
        foreach (var skipped in result.SkippedPhotos) context.Warn($"skipped {skipped}");
        if (result.SkippedUpdates > 0) context.Warn($"{result.SkippedUpdates} of {result.StepsRun} steps made no update (a gradient was not finite)");
        var painting = registry.KeepPainting(styleId, request.StyleImagePath);
        registry.Register(styleId, title, Path.GetFileName(request.StyleImagePath), result.Steps, painting);
        return result;
    }
}
