using System.Text;
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
        target = target with { ResumeFrom = ResumableCheckpoint(context) ?? target.ResumeFrom };
        var result = trainer.Train(target, context.Cancellation,
            progress => context.Report(progress.Step, progress.TotalSteps,
                new StepLosses(progress.Loss.Total, progress.Loss.Content, progress.Loss.Style, progress.Loss.TotalVariation),
                progress.ImagesPerSecond, progress.Remaining),
            (step, preview) =>
            {
                context.PublishPreview(preview);
                RecordCheckpoint(context, target, step);
            });
        foreach (var skipped in result.SkippedPhotos) context.Warn($"skipped {skipped}");
        if (result.SkippedUpdates > 0) context.Warn($"{result.SkippedUpdates} of {result.StepsRun} steps made no update (a gradient was not finite)");
        var painting = registry.KeepPainting(styleId, request.StyleImagePath);
        registry.Register(styleId, title, Path.GetFileName(request.StyleImagePath), result.Steps, painting);
        return result;
    }

    /// <summary>The trainer writes the file at each checkpoint step; its path is what a later run needs.</summary>
    private static void RecordCheckpoint(JobContext context, TrainingRequest target, int step)
    {
        if (!context.CanCheckpoint) return;
        var path = Path.Combine(target.EffectiveCheckpointFolder, $"checkpoint-{step:D6}.safetensors");
        if (File.Exists(path)) context.SaveCheckpoint(new JobCheckpoint(step, Encoding.UTF8.GetBytes(path)));
    }

    private static string? ResumableCheckpoint(JobContext context) =>
        context.ResumeFrom is { } saved && Encoding.UTF8.GetString(saved.Data) is var path && File.Exists(path) ? path : null;
}
