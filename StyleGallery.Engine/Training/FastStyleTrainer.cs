using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>
/// Trains a <see cref="TransformerNet"/> for one painting as Johnson et al. (2016) do: random photo crops through the
/// network, the perceptual loss through a frozen VGG, Adam on the network's weights only. Synchronous: run it on the
/// engine's thread (see <see cref="TrainingJob"/>).
/// </summary>
/// <param name="lossNetworks">The installed VGG weights of an architecture, or null when there are none.</param>
public sealed class FastStyleTrainer(Func<VggArchitecture, VggWeightSource?> lossNetworks, Device? device = null, ILogger? logger = null)
{
    private readonly Device _device = device ?? CPU;

    /// <summary>The layers a run uses: the options' own, else VGG16's when complete weights are installed, else VGG19's.</summary>
    /// <exception cref="InvalidTrainingOptionsException">No weights for the architecture, or they lack a layer.</exception>
    public (LossLayers Layers, VggWeightSource Source) ResolveLossNetwork(TrainingOptions options)
    {
        var layers = options.Layers ?? (HasCompleteVgg16() ? LossLayers.Vgg16Johnson : LossLayers.Vgg19Fallback);
        var source = lossNetworks(layers.Architecture)
            ?? throw new InvalidTrainingOptionsException([$"No {layers.Architecture} loss network is installed; run 'stylegallery models install' for one."]);
        var file = VggWeightFile.Open(source.Path, layers.Architecture, source.Conventions);
        try { file.EnsureCanCompute(layers.AllTaps); }
        catch (MissingVggLayerException e) { throw new InvalidTrainingOptionsException([e.Message]); }
        return (layers, source);
    }

    /// <summary>Runs the whole training and writes the network to <see cref="TrainingRequest.OutputPath"/>.</summary>
    /// <exception cref="InvalidTrainingOptionsException"/> <exception cref="TrainingDataException"/>
    /// <exception cref="StyleImageException"/> <exception cref="TrainingDivergedException"/>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint stays for a resume.</exception>
    public TrainingResult Train(TrainingRequest request, CancellationToken ct = default,
        Action<TrainingProgress>? onProgress = null, Action<int, RgbImage>? onPreview = null)
    {
        var options = request.Options;
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidTrainingOptionsException(problems);
        var style = LoadStyle(request.StyleImagePath, options.StyleSize);
        var (layers, source) = ResolveLossNetwork(options);
        var data = TrainingDataset.Load(request.DataFolder, options.CropSize, logger);
        using var validation = ValidationBatch(request, data, options.CropSize);
        using var loss = PerceptualLoss.Create(source, layers, style, options, _device);
        using var run = new TrainingRun(options, _device);
        var curve = new List<LossRecord>();
        if (request.ResumeFrom is { } checkpoint) curve.AddRange(run.Resume(checkpoint));
        var context = new RunContext(request, data, loss, run, curve, validation, Path.GetFileName(request.StyleImagePath));
        var lastCheckpoint = Loop(context, ct, onProgress, onPreview);
        TrainedStyleFile.Save(request.OutputPath, run.Net, context.Info(curve.Count == 0 ? 0 : curve[^1].Step));
        return new TrainingResult(request.OutputPath, run.Optimizer.StepCount, curve, data.Skipped, lastCheckpoint, layers);
    }

    /// <summary>Total optimisation steps of a run.</summary>
    public static int TotalSteps(TrainingOptions options, int stepsPerEpoch) => options.Steps ?? options.Epochs * stepsPerEpoch;

    private sealed record RunContext(TrainingRequest Request, TrainingDataset Data, PerceptualLoss Loss, TrainingRun Run,
        List<LossRecord> Curve, Tensor Validation, string StyleName)
    {
        public TrainedStyleInfo Info(int steps) =>
            new(StyleName, Run.Net.Options, Request.Options, Loss.Layers.ToString(), steps, Curve);
    }

    private string? Loop(RunContext c, CancellationToken ct, Action<TrainingProgress>? onProgress, Action<int, RgbImage>? onPreview)
    {
        var options = c.Request.Options;
        var stepsPerEpoch = c.Data.StepsPerEpoch(options.BatchSize);
        var total = TotalSteps(options, stepsPerEpoch);
        var clock = Stopwatch.StartNew();
        var first = c.Run.Optimizer.StepCount;
        var best = c.Curve.Count == 0 ? double.PositiveInfinity : c.Curve.Min(r => r.Total);
        string? lastCheckpoint = null;
        for (var step = first; step < total; step++)
        {
            ct.ThrowIfCancellationRequested();
            var record = c.Run.Step(c.Data, c.Loss, step, stepsPerEpoch);
            CheckDivergence(record, best, options);
            best = Math.Min(best, record.Total);
            c.Curve.Add(record);
            onProgress?.Invoke(Progress(record, total, step + 1 - first, clock.Elapsed, options.BatchSize));
            if (options.CheckpointEvery > 0 && (step + 1) % options.CheckpointEvery == 0 && step + 1 < total)
                lastCheckpoint = Checkpoint(c, step + 1, onPreview, lastCheckpoint);
        }
        // The finished network's picture too, so a watcher's last preview is what the saved style does.
        if (onPreview is not null && total > first) onPreview(total, c.Run.Preview(c.Validation));
        return lastCheckpoint;
    }

    private string Checkpoint(RunContext c, int step, Action<int, RgbImage>? onPreview, string? previous)
    {
        var folder = c.Request.EffectiveCheckpointFolder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"checkpoint-{step:D6}.safetensors");
        TrainedStyleFile.Save(path, c.Run.Net, c.Info(step), c.Run.Optimizer);
        if (previous is not null && previous != path) File.Delete(previous); // one checkpoint is enough to resume
        var preview = c.Run.Preview(c.Validation);
        File.WriteAllBytes(Path.Combine(folder, $"preview-{step:D6}.png"), ImageEncoder.Encode(preview, EncodedFormat.Png));
        onPreview?.Invoke(step, preview);
        logger?.LogInformation("Checkpoint at step {Step}: {Path}", step, path);
        return path;
    }

    private static TrainingProgress Progress(LossRecord record, int total, int stepsThisRun, TimeSpan elapsed, int batch)
    {
        var perStep = elapsed / stepsThisRun;
        return new TrainingProgress(record.Step, total, record, stepsThisRun * batch / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed,
            perStep * (total - record.Step));
    }

    private static void CheckDivergence(LossRecord record, double best, TrainingOptions options)
    {
        if (!double.IsFinite(record.Total))
            throw new TrainingDivergedException(
                $"The loss became {record.Total} at step {record.Step}; nothing was saved. Lower the learning rate (now {options.LearningRate}) or the style weight.");
        if (double.IsFinite(best) && record.Total > options.DivergenceFactor * best)
            throw new TrainingDivergedException(
                $"The loss exploded at step {record.Step} ({record.Total:G3}, {options.DivergenceFactor}× its best {best:G3}); nothing was saved. Lower the learning rate (now {options.LearningRate}).");
    }

    private bool HasCompleteVgg16()
    {
        if (lossNetworks(VggArchitecture.Vgg16) is not { } source) return false;
        return VggWeightFile.Open(source.Path, VggArchitecture.Vgg16, source.Conventions).CanCompute("relu4_3");
    }

    private static RgbImage LoadStyle(string path, int size)
    {
        if (!File.Exists(path)) throw new StyleImageException($"The style image '{path}' does not exist.");
        try { return ImageResizer.FitWithin(ImageDecoder.DecodeFile(path), size); }
        catch (ImageDecodeException e) { throw new StyleImageException($"The style image '{path}' cannot be decoded: {e.Message}", e); }
    }

    /// <summary>The preview photo as a [1,3,S,S] batch: the request's own, or the dataset's first, centre-cropped.</summary>
    private static Tensor ValidationBatch(TrainingRequest request, TrainingDataset data, int size)
    {
        var photo = request.ValidationPhoto is { } path ? LoadValidation(path) : data.First;
        return CenterCrop.Square(photo, size);
    }

    private static RgbImage LoadValidation(string path)
    {
        try { return ImageDecoder.DecodeFile(path); }
        catch (Exception e) when (e is ImageDecodeException or IOException)
        {
            throw new TrainingDataException($"The validation photo '{path}' cannot be read: {e.Message}");
        }
    }
}
