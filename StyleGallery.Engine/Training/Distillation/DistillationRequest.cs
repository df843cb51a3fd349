using StyleGallery.Engine.Fast;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>What to distil: a teacher network, a folder of photos, where the student goes, and how.</summary>
/// <param name="Teacher">The full network's file and reader (as the fast path loads it).</param>
/// <param name="TeacherName">The teacher's style id, recorded in the student's file.</param>
/// <param name="DataFolder">Any folder of photos (not recursive); no painting is needed.</param>
/// <param name="OutputPath">The student's .safetensors file, written only when the run finishes.</param>
/// <param name="CheckpointFolder">Where checkpoints go; null: beside the output, in "&lt;name&gt;.checkpoints".</param>
/// <param name="ResumeFrom">A checkpoint to continue from, at its step, with its optimiser state.</param>
public sealed record DistillationRequest(
    FastNetworkSource Teacher,
    string TeacherName,
    string DataFolder,
    string OutputPath,
    DistillationOptions Options,
    string? CheckpointFolder = null,
    string? ResumeFrom = null)
{
    public string EffectiveCheckpointFolder =>
        CheckpointFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutputPath))!, Path.GetFileNameWithoutExtension(OutputPath) + ".checkpoints");
}

/// <summary>How a distillation is going, after each step: <paramref name="PixelLoss"/> is the mean absolute difference to the teacher in grey levels (0…255).</summary>
public sealed record DistillationProgress(int Step, int TotalSteps, double PixelLoss, double ImagesPerSecond, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>A finished distillation; the loss curve keeps the pixel loss in <see cref="LossRecord.Content"/>.</summary>
public sealed record DistillationResult(string OutputPath, int Steps, IReadOnlyList<LossRecord> LossCurve, IReadOnlyList<string> SkippedPhotos, string? LastCheckpoint);
