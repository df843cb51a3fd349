using System.Diagnostics;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>Measured speed of the training step: median seconds per step and images per second.</summary>
public sealed record TrainingThroughputResult(int CropSize, int BatchSize, double MedianStepSeconds, double ImagesPerSecond, LossLayers Layers);

/// <summary>
/// Times the training step alone (network forward, perceptual loss, backward, Adam) on random crops and a random
/// "painting", like bench/train_reference.py does, so both sides measure the same arithmetic and no photo decoding.
/// </summary>
public static class TrainingThroughput
{
    public static TrainingThroughputResult Measure(VggWeightSource vgg19, TrainingOptions options, int warmup, int steps, Device? device = null)
    {
        if (options.Problems() is { Count: > 0 } problems) throw new InvalidTrainingOptionsException(problems);
        device ??= CPU;
        var layers = options.Layers ?? LossLayers.Vgg19Fallback;
        using var generator = new Generator(unchecked((ulong)options.Seed));
        using var loss = PerceptualLoss.Create(vgg19, layers, RandomImage(options.StyleSize, generator), options, device);
        using var run = new TrainingRun(options, device);
        var times = new List<double>();
        for (var step = 0; step < warmup + steps; step++)
        {
            using var scope = NewDisposeScope();
            var photos = rand([options.BatchSize, 3, options.CropSize, options.CropSize], generator: generator).mul_(255).to(device);
            var clock = Stopwatch.StartNew();
            run.StepOn(photos, loss, step);
            if (step >= warmup) times.Add(clock.Elapsed.TotalSeconds);
        }
        var median = times.Order().ElementAt(times.Count / 2);
        return new TrainingThroughputResult(options.CropSize, options.BatchSize, median, options.BatchSize / median, layers);
    }

    private static RgbImage RandomImage(int side, Generator generator)
    {
        using var pixels = randint(0, 256, [side * side * 3], generator: generator, dtype: ScalarType.Byte);
        return new RgbImage(side, side, pixels.data<byte>().ToArray());
    }
}
