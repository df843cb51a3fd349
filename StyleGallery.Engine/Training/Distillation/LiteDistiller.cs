using System.Diagnostics;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>
/// Distils a lite network (<see cref="Fast.Lite.LiteNetwork"/>) from a full one: random photo crops through both, the
/// student learns the teacher's picture by an L1 pixel loss with Adam (<see cref="DistillationRun"/>). No painting and no
/// loss network are needed. Synchronous: run it on one thread (torch's dispose scopes are per thread).
/// </summary>
public sealed class LiteDistiller(Device? device = null, ILogger? logger = null)
{
    private readonly Device _device = device ?? CPU;

    /// <summary>
    /// Runs the whole distillation and writes the student to <see cref="DistillationRequest.OutputPath"/>;
    /// <paramref name="onCheckpoint"/> hears of each checkpoint file once it is written (its step and path).
    /// </summary>
    /// <exception cref="InvalidTrainingOptionsException"/> <exception cref="TrainingDataException"/>
    /// <exception cref="TrainingDivergedException"/> <exception cref="InvalidCheckpointException"/>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is written to the output, the last checkpoint stays.</exception>
    public DistillationResult Distill(DistillationRequest request, CancellationToken ct = default, Action<DistillationProgress>? onProgress = null,
        Action<int, string>? onCheckpoint = null)
    {
        var options = request.Options;
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidTrainingOptionsException(problems);
        var loaded = DistillationCrops.LoadedSize(options.CropSize, options.MaxScale);
        var data = TrainingDataset.Load(request.DataFolder, loaded, logger);
        var crops = new DistillationCrops(data, options.CropSize, loaded);
        using var run = new DistillationRun(request.Teacher, options, _device);
        var curve = new List<LossRecord>();
        if (request.ResumeFrom is { } checkpoint) curve.AddRange(run.Resume(checkpoint));
        var lastCheckpoint = Loop(request, run, crops, data.Count, curve, ct, onProgress, onCheckpoint);
        TrainedStyleFile.Save(request.OutputPath, run.Student, Info(request, curve));
        return new DistillationResult(request.OutputPath, run.Optimizer.StepCount, curve, data.Skipped, lastCheckpoint);
    }

    private string? Loop(DistillationRequest request, DistillationRun run, DistillationCrops crops, int photos, List<LossRecord> curve,
        CancellationToken ct, Action<DistillationProgress>? onProgress, Action<int, string>? onCheckpoint)
    {
        var total = request.Options.Steps;
        var first = curve.Count == 0 ? 0 : curve[^1].Step;
        var clock = Stopwatch.StartNew();
        string? lastCheckpoint = null;
        for (var step = first; step < total; step++)
        {
            ct.ThrowIfCancellationRequested();
            var record = run.Step(crops, photos, step);
            if (!double.IsFinite(record.Content))
                throw new TrainingDivergedException($"The pixel loss became {record.Content} at step {record.Step}; nothing was saved. Lower the learning rate (now {request.Options.LearningRate}).");
            curve.Add(record);
            onProgress?.Invoke(Progress(record, total, step + 1 - first, clock.Elapsed, request.Options.BatchSize));
            var every = request.Options.CheckpointEvery;
            if (every > 0 && (step + 1) % every == 0 && step + 1 < total)
            {
                lastCheckpoint = Checkpoint(request, run, curve, lastCheckpoint);
                onCheckpoint?.Invoke(step + 1, lastCheckpoint);
            }
        }
        return lastCheckpoint;
    }

    private string Checkpoint(DistillationRequest request, DistillationRun run, List<LossRecord> curve, string? previous)
    {
        var folder = request.EffectiveCheckpointFolder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"checkpoint-{curve[^1].Step:D6}.safetensors");
        TrainedStyleFile.Save(path, run.Student, Info(request, curve), run.Optimizer);
        if (previous is not null && previous != path) File.Delete(previous); // one checkpoint is enough to resume
        logger?.LogInformation("Checkpoint at step {Step}: {Path}", curve[^1].Step, path);
        return path;
    }

    private static TrainedStyleInfo Info(DistillationRequest request, List<LossRecord> curve) => new(
        request.TeacherName, request.Options.Student, request.Options.AsTrainingSettings(), TrainedStyleFile.DistilledLoss,
        curve.Count == 0 ? 0 : curve[^1].Step, curve, Teacher: request.TeacherName);

    private static DistillationProgress Progress(LossRecord record, int total, int stepsThisRun, TimeSpan elapsed, int batch) =>
        new(record.Step, total, record.Content, stepsThisRun * batch / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed,
            elapsed / stepsThisRun * (total - record.Step));
}
