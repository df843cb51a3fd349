using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>
/// Everything a distillation of a lite network from a full one can be told; the defaults live here and only here.
/// Knowledge distillation in the sense of Hinton, Vinyals &amp; Dean 2015 ("Distilling the Knowledge in a Neural
/// Network"), with the teacher's picture as the target since a style network has no labels to soften.
/// </summary>
public sealed record DistillationOptions
{
    public const int MinCropSize = 32;
    public const int MaxCropSize = 1024;
    public const int MaxSteps = 1_000_000;

    /// <summary>Side of the square crops both networks see (256 as Johnson et al. train).</summary>
    public int CropSize { get; init; } = 256;

    /// <summary>Crops per optimisation step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Optimisation steps; 0.4–5 s each for 2 crops of 256 px on the shared 2-core development machine (docs/lite.md).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>
    /// Adam's largest step size (Kingma &amp; Ba 2015), reached after <see cref="WarmupSteps"/> and decayed to zero by
    /// <see cref="LearningRateAt"/>. Johnson et al. train at a constant 1e-3.
    /// </summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Steps of linear warm-up at the start, so the larger step size cannot throw the fresh student about.</summary>
    public int WarmupSteps { get; init; } = 50;

    /// <summary>
    /// Random scales: each crop is a random square of <see cref="CropSize"/> to this many times as large, resized down to
    /// <see cref="CropSize"/>, so the student meets brush strokes at several sizes of the scene (1: no scaling).
    /// </summary>
    public double MaxScale { get; init; } = 1.5;

    /// <summary>
    /// What the teacher computes in. bfloat16 is what the fast path paints with by default (so the student learns the
    /// pictures people see of the teacher) and about twice as fast on this CPU; the student trains in float32.
    /// </summary>
    public ComputePrecision TeacherPrecision { get; init; } = ComputePrecision.BFloat16;

    /// <summary>Seeds the student's initial weights and the run's own crop/flip/order generator.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>A checkpoint (weights, Adam moments, loss curve) every this many steps; 0 never.</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>The student's architecture.</summary>
    public TransformerNetOptions Student { get; init; } = LiteNetwork.Options;

    /// <summary>Where the student's weights start: the pruned teacher (<see cref="TeacherPruning"/>) where its design allows, else random.</summary>
    public StudentStart Start { get; init; } = StudentStart.PrunedTeacher;

    /// <summary>
    /// Weight of the hint loss (<see cref="DistillationRun"/>): each stage's activations against the teacher's channels the
    /// pruned student kept, added to the pixel loss in grey levels; 0 for the pixel loss alone. Only with a pruned start.
    /// </summary>
    public double HintWeight { get; init; } = 50;

    /// <summary>
    /// Adam's step size for 0-based <paramref name="step"/>: linear warm-up, then a cosine decay to zero at
    /// <see cref="Steps"/> (SGDR without restarts, Loshchilov &amp; Hutter 2017). A run of a fixed length, which is what a
    /// visitor asks for, ends much nearer its teacher when the last steps are small than at Johnson et al.'s constant
    /// rate (measured in docs/lite.md). A function of the step alone, so a resumed run takes the same steps.
    /// </summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        var progress = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        return LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }

    /// <summary>Every setting that cannot distil, each as a sentence; empty when all can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CropSize is < MinCropSize or > MaxCropSize) problems.Add($"The crop size must be {MinCropSize}…{MaxCropSize} px (got {CropSize}).");
        if (BatchSize is < 1 or > 64) problems.Add($"The batch size must be 1…64 (got {BatchSize}).");
        if (Steps is < 1 or > MaxSteps) problems.Add($"The steps must be 1…{MaxSteps} (got {Steps}).");
        if (!(LearningRate is > 0 and <= 1)) problems.Add($"The learning rate must be in (0, 1] (got {LearningRate}).");
        if (!(MaxScale is >= 1 and <= 4)) problems.Add($"The largest scale must be 1…4 (got {MaxScale}).");
        if (!Enum.IsDefined(TeacherPrecision)) problems.Add($"Unknown precision {TeacherPrecision}.");
        if (WarmupSteps < 0) problems.Add($"The warm-up steps must be ≥ 0 (got {WarmupSteps}).");
        if (!(HintWeight is >= 0 and <= 1e6)) problems.Add($"The hint weight must be 0…1e6 (got {HintWeight}).");
        if (!Enum.IsDefined(Start)) problems.Add($"Unknown student start {Start}.");
        if (CheckpointEvery < 0) problems.Add($"Checkpoint every N ≥ 0 steps (got {CheckpointEvery}).");
        return problems;
    }

    /// <summary>The settings a saved file records (<see cref="TrainedStyleInfo.Settings"/>): the fields both kinds of run share.</summary>
    public TrainingOptions AsTrainingSettings() => new()
    {
        CropSize = CropSize,
        BatchSize = BatchSize,
        Steps = Steps,
        LearningRate = LearningRate,
        Seed = Seed,
        CheckpointEvery = CheckpointEvery,
        Width = Student.Width,
        Upsampling = Student.Upsampling,
        Normalization = Student.Normalization,
        OutputNormalization = Student.OutputNormalization,
    };
}

/// <summary>Where a distilled student's weights start.</summary>
public enum StudentStart
{
    /// <summary>PyTorch's default initialisation, seeded.</summary>
    Random,

    /// <summary>The teacher's own weights, pruned to the student's size (<see cref="TeacherPruning"/>); random where it cannot be.</summary>
    PrunedTeacher,
}
