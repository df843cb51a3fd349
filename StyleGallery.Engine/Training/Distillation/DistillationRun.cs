using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>
/// The state of one distillation: the frozen teacher, the student being trained and its optimiser. Every step draws its
/// crops from a generator seeded by (seed, step) and every epoch its order from one seeded by (seed, epoch), so a run
/// resumed at step k sees exactly the batches the uninterrupted run saw.
/// </summary>
public sealed class DistillationRun : IDisposable
{
    private readonly DistillationOptions _options;
    private readonly Device _device;
    private (int Epoch, int[] Order)? _epochOrder;
    private readonly IReadOnlyDictionary<string, Tensor>? _teacherChannels;

    public DistillationRun(FastNetworkSource teacher, DistillationOptions options, Device device)
    {
        _options = options;
        _device = device;
        Teacher = teacher.Load(teacher.Path, device, options.TeacherPrecision.ToScalarType());
        (Student, Optimizer) = TrainableNetwork.Create(options.Student, options.Seed, options.LearningRate, device);
        if (options.Start == StudentStart.PrunedTeacher && TeacherPruning.CanPrune(Teacher.Options, Student.Options))
            _teacherChannels = TeacherPruning.Initialise(Student, Teacher);
    }

    public TransformerNet Teacher { get; }
    public TransformerNet Student { get; }
    public ParameterAdam Optimizer { get; }

    /// <summary>Loads a checkpoint into the student and optimiser; returns its loss curve. The next step is the checkpoint's.</summary>
    public IReadOnlyList<LossRecord> Resume(string checkpoint) => TrainedStyleFile.Resume(checkpoint, Student, Optimizer).LossCurve;

    /// <summary>One optimisation step (0-based <paramref name="step"/>) on the step's own random crops.</summary>
    internal LossRecord Step(DistillationCrops crops, int photoCount, int step)
    {
        using var scope = NewDisposeScope();
        return StepOn(Batch(crops, photoCount, step), step);
    }

    /// <summary>
    /// One step on a given [N,3,S,S] batch of 0..255 photos: the teacher's picture under no_grad, the student's with
    /// gradients, the mean absolute difference (L1) in grey levels and the hints, Adam. Returns the losses before the
    /// update as step + 1: the pixel loss as its content, the hint loss (unweighted) as its style.
    /// </summary>
    public LossRecord StepOn(Tensor photos, int step)
    {
        using var scope = NewDisposeScope();
        var (pixels, hints) = _teacherChannels is not null && _options.HintWeight > 0
            ? LossWithHints(photos)
            : (PixelLoss(Student.forward(photos), TeacherPicture(photos)), null);
        var loss = hints is null ? pixels : pixels + hints * _options.HintWeight;
        var value = loss.item<float>();
        if (float.IsFinite(value))
        {
            loss.backward();
            Optimizer.Step(_options.LearningRateAt(step));
        }
        return new LossRecord(step + 1, float.IsFinite(value) ? pixels.item<float>() : value, hints?.item<float>() ?? 0, 0);
    }

    /// <summary>The student's L1 distance to the teacher on <paramref name="photos"/>, without training (for previews and tests).</summary>
    public double Evaluate(Tensor photos)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Student.eval();
        try { return PixelLoss(Student.forward(photos.to(_device)), TeacherPicture(photos)).item<float>(); }
        finally { Student.train(); }
    }

    /// <summary>
    /// L1, not MSE: the teacher's pictures are full of sharp brush strokes and hard edges, and a squared loss lets a
    /// small student trade them for a blurred average (Zhao et al. 2017, "Loss Functions for Image Restoration with
    /// Neural Networks", found L1 training gives sharper, less blotchy pictures than L2 at the same capacity). The student's
    /// output is unclamped while training (see <see cref="TransformerNet"/>), the teacher's is 0..255.
    /// </summary>
    private static Tensor PixelLoss(Tensor student, Tensor teacher) => (student - teacher).abs().mean();

    /// <summary>
    /// The pixel loss plus <see cref="DistillationOptions.HintWeight"/> times the mean squared distance of every stage's
    /// activations to the teacher's on the channels the student's stand for: hints in the sense of FitNets (Romero et al.
    /// 2015), here without a regressor since a pruned student's channels are the teacher's own. Each layer gets a target
    /// of its own instead of only the gradient that finds its way back from the picture.
    /// </summary>
    private (Tensor Pixels, Tensor Hints) LossWithHints(Tensor photos)
    {
        IReadOnlyDictionary<string, Tensor> teacher;
        using (no_grad()) teacher = Teacher.ForwardWithActivations(photos.to(_device));
        var student = Student.ForwardWithActivations(photos);
        var loss = PixelLoss(Crop(student[TransformerNet.OutputName], photos), Crop(teacher[TransformerNet.OutputName], photos).to(ScalarType.Float32));
        var hints = _teacherChannels!.Select(stage =>
            nn.functional.mse_loss(student[stage.Key], teacher[stage.Key].index_select(1, stage.Value).to(ScalarType.Float32))).ToList();
        return (loss, stack(hints).mean());
    }

    private static Tensor Crop(Tensor picture, Tensor photos) => picture.narrow(2, 0, photos.shape[2]).narrow(3, 0, photos.shape[3]);

    private Tensor TeacherPicture(Tensor photos)
    {
        using var noGrad = no_grad();
        return Teacher.forward(photos.to(_device)).to(ScalarType.Float32);
    }

    private Tensor Batch(DistillationCrops crops, int photoCount, int step)
    {
        var stepsPerEpoch = Math.Max(1, photoCount / _options.BatchSize);
        var epoch = step / stepsPerEpoch;
        if (_epochOrder?.Epoch != epoch)
        {
            using var shuffle = Generator(epoch, salt: 0x5EED);
            using var order = randperm(photoCount, generator: shuffle);
            _epochOrder = (epoch, order.data<long>().Select(i => (int)i).ToArray());
        }
        var photos = _epochOrder.Value.Order;
        var first = (step % stepsPerEpoch) * _options.BatchSize;
        var indices = Enumerable.Range(first, _options.BatchSize).Select(i => photos[i % photos.Length]);
        using var generator = Generator(step, salt: 0xD157);
        return crops.Batch(indices, generator).to(_device);
    }

    private Generator Generator(int index, ulong salt) =>
        new(unchecked((ulong)_options.Seed * 1_000_003UL + (ulong)index * 7919UL + salt));

    public void Dispose()
    {
        foreach (var channels in _teacherChannels?.Values ?? []) channels.Dispose();
        Optimizer.Dispose();
        Student.Dispose();
        Teacher.Dispose();
    }
}
