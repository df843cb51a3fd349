namespace StyleGallery.Engine.Training;

/// <summary>What to train: a painting, a folder of photos, where the network goes, and how.</summary>
/// <param name="StyleImagePath">The painting whose style the network learns.</param>
/// <param name="DataFolder">Any folder of photos (not recursive).</param>
/// <param name="OutputPath">The trained network's .safetensors file.</param>
/// <param name="CheckpointFolder">Where checkpoints and previews go; null: beside the output, in "&lt;name&gt;.checkpoints".</param>
/// <param name="ResumeFrom">A checkpoint to continue from, at its step, with its optimiser state.</param>
/// <param name="ValidationPhoto">The fixed photo every preview shows; null: the first photo of the folder.</param>
public sealed record TrainingRequest(
    string StyleImagePath,
    string DataFolder,
    string OutputPath,
    TrainingOptions Options,
    string? CheckpointFolder = null,
    string? ResumeFrom = null,
    string? ValidationPhoto = null)
{
    public string EffectiveCheckpointFolder =>
        CheckpointFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutputPath))!, Path.GetFileNameWithoutExtension(OutputPath) + ".checkpoints");
}

/// <summary>How a run is going, after each step.</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, LossRecord Loss, double ImagesPerSecond, TimeSpan Elapsed, TimeSpan? Remaining);

/// <summary>A finished run. <paramref name="Steps"/> counts the updates Adam took, which can be fewer than the steps run.</summary>
public sealed record TrainingResult(
    string OutputPath,
    int Steps,
    IReadOnlyList<LossRecord> LossCurve,
    IReadOnlyList<string> SkippedPhotos,
    string? LastCheckpoint,
    LossLayers LossLayers)
{
    /// <summary>Steps run, resumed ones included: the last step of the loss curve.</summary>
    public int StepsRun => LossCurve.Count == 0 ? 0 : LossCurve[^1].Step;

    /// <summary>Steps whose update was skipped because a gradient was not finite (see <see cref="ParameterAdam.Step"/>).</summary>
    public int SkippedUpdates => StepsRun - Steps;
}
