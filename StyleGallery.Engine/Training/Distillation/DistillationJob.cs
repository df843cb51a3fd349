using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>A distillation the engine will not start, with why in words for the person who asked.</summary>
public sealed class DistillationRefusedException(string message) : ArgumentException(message);

/// <summary>
/// A distillation as an engine job, the long lane's like a training (<see cref="TrainingJob"/>): progress with the pixel
/// loss (L1 to the teacher, in grey levels), crops/s and ETA, cancellation between steps, and the finished student
/// registered as the trained style <see cref="DistillRequest.StyleId"/>, "⟨teacher's title⟩ (lite)", with a copy of the
/// teacher's painting (<see cref="UserStyles.RegisterDistilled"/>). A durable job records each checkpoint and a run after
/// a crash resumes from the last one. The student's file is written only at the end, so a cancelled or failed run is never
/// listed; its checkpoints are deleted once the job has ended for good (kept when a shutdown stops it, for the next run).
/// </summary>
/// <param name="teacherPainting">The teacher's painting as a local file, or null when it has none.</param>
public sealed class DistillationJob(
    LiteDistiller distiller, DistillRequest request, FastNetworkSource teacher, string teacherTitle, string? teacherPainting, UserStyles registry)
    : EngineJob<DistillationResult>
{
    public override string Kind => "distill";

    public override string Description => $"Distil the live version '{request.StyleId}' of '{request.TeacherId}'";

    public override DistillationResult Run(JobContext context)
    {
        var target = new DistillationRequest(teacher, request.TeacherId, request.DataFolder, registry.PathOf(request.StyleId), request.Options,
            ResumeFrom: FileCheckpoints.Resumable(context));
        DistillationResult result;
        try
        {
            result = distiller.Distill(target, context.Cancellation,
                p => context.Report(p.Step, p.TotalSteps, new StepLosses(p.PixelLoss, p.PixelLoss, 0, 0), p.ImagesPerSecond, p.Remaining, Describe(p)),
                (step, path) => FileCheckpoints.Record(context, step, path));
        }
        catch (OperationCanceledException) when (!context.CancelledByOwner)
        {
            throw; // a shutdown: the next run goes on from the checkpoint
        }
        catch
        {
            FileCheckpoints.Remove(target.EffectiveCheckpointFolder);
            throw;
        }
        foreach (var skipped in result.SkippedPhotos) context.Warn($"skipped {skipped}");
        registry.RegisterDistilled(request.StyleId, request.TeacherId, teacherTitle, result.Steps, teacherPainting);
        FileCheckpoints.Remove(target.EffectiveCheckpointFolder);
        return result;
    }

    /// <summary>"L1 12.3 grey levels".</summary>
    private static string Describe(DistillationProgress p) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"L1 {p.PixelLoss:F1} grey levels");
}
