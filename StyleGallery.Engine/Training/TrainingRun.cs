using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>
/// The mutable state of one run: the network being trained and its optimiser. Every step draws its crops from a
/// generator seeded by (seed, step) and every epoch its order from one seeded by (seed, epoch), so a run resumed at
/// step k sees exactly the batches the uninterrupted run saw.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly TrainingOptions _options;
    private readonly Device _device;
    private (int Epoch, int[] Order)? _epochOrder;

    public TrainingRun(TrainingOptions options, Device device)
    {
        _options = options;
        _device = device;
        (Net, Optimizer) = TrainableNetwork.Create(options.NetworkOptions, options.Seed, options.LearningRate, device);
    }

    public TransformerNet Net { get; }
    public ParameterAdam Optimizer { get; }

    /// <summary>Loads a checkpoint; returns its loss curve. The next step is the checkpoint's.</summary>
    public IReadOnlyList<LossRecord> Resume(string checkpoint) => TrainedStyleFile.Resume(checkpoint, Net, Optimizer).LossCurve;

    /// <summary>One optimisation step (0-based <paramref name="step"/>); returns the loss after it is recorded as step + 1.</summary>
    public LossRecord Step(TrainingDataset data, PerceptualLoss loss, int step, int stepsPerEpoch)
    {
        using var scope = NewDisposeScope();
        return StepOn(Batch(data, step, stepsPerEpoch), loss, step);
    }

    /// <summary>One step on a given [N,3,S,S] batch of 0..255 photos (also what the throughput benchmark times).</summary>
    public LossRecord StepOn(Tensor photos, PerceptualLoss loss, int step)
    {
        using var scope = NewDisposeScope();
        var stylised = Net.forward(photos);
        var terms = loss.Compute(photos, stylised);
        if (double.IsFinite(terms.Sum))
        {
            terms.Total.backward();
            Optimizer.Step();
        }
        return new LossRecord(step + 1, terms.Content, terms.Style, terms.TotalVariation);
    }

    /// <summary>The network on the validation photo, in eval mode (batch norm then uses its running statistics).</summary>
    public RgbImage Preview(Tensor validation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Net.eval();
        try
        {
            var output = Net.forward(validation.to(_device));
            return ImageTensors.ToImage(output[0].cpu());
        }
        finally
        {
            Net.train();
        }
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Net.Dispose();
    }

    private Tensor Batch(TrainingDataset data, int step, int stepsPerEpoch)
    {
        var epoch = step / stepsPerEpoch;
        if (_epochOrder?.Epoch != epoch)
        {
            using var shuffle = Generator(epoch, salt: 0x5EED);
            _epochOrder = (epoch, data.Shuffle(shuffle));
        }
        var order = _epochOrder.Value.Order;
        var first = (step % stepsPerEpoch) * _options.BatchSize;
        var indices = Enumerable.Range(first, _options.BatchSize).Select(i => order[i % order.Length]);
        using var crops = Generator(step, salt: 0xC80B);
        return data.Batch(indices, crops).to(_device);
    }

    private Generator Generator(int index, ulong salt) =>
        new(unchecked((ulong)_options.Seed * 1_000_003UL + (ulong)index * 7919UL + salt));
}
