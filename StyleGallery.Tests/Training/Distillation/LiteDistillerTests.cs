using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training.Distillation;

/// <summary>Distilling udnie's network into a lite one, at 64 px and a few steps.</summary>
[Collection(TorchCollection.Name)]
public sealed class LiteDistillerTests : IDisposable
{
    private static readonly FastNetworkSource Udnie = FastNetworkSource.Pretrained(SharedData.Fast("udnie"));

    /// <summary>Float32 teacher so the resumed and the straight run compute the very same numbers.</summary>
    private static readonly DistillationOptions Tiny = new()
    {
        CropSize = 64, BatchSize = 2, Steps = 4, CheckpointEvery = 0, Seed = 5, TeacherPrecision = ComputePrecision.Float32,
    };

    private readonly TrainingFixture _fixture = new(photos: 3);

    public void Dispose() => _fixture.Dispose();

    private DistillationRequest Request(DistillationOptions options, string name = "lite", string? resume = null) =>
        new(Udnie, "udnie", _fixture.Photos, Path.Combine(_fixture.Root, name + ".safetensors"), options, ResumeFrom: resume);

    [Fact]
    public void A_few_dozen_steps_bring_the_student_closer_to_the_teacher()
    {
        using var run = new DistillationRun(Udnie, Tiny with { LearningRate = 3e-3, Steps = 40, WarmupSteps = 0 }, CPU);
        using var photos = Crops(3, 64);
        var before = run.Evaluate(photos);

        for (var step = 0; step < 40; step++) run.StepOn(photos, step);
        var after = run.Evaluate(photos);

        Assert.True(after < 0.8 * before, $"pixel loss {before:F1} -> {after:F1} grey levels");
    }

    [Fact]
    public void A_cancelled_run_writes_nothing_and_its_checkpoint_resumes_at_its_step_with_the_same_batches()
    {
        var straight = new LiteDistiller().Distill(Request(Tiny, "straight"));
        using var cancel = new CancellationTokenSource();
        var interrupted = Request(Tiny with { CheckpointEvery = 2 }, "interrupted");

        Assert.Throws<OperationCanceledException>(() =>
            new LiteDistiller().Distill(interrupted, cancel.Token, p => { if (p.Step == 3) cancel.Cancel(); }));
        Assert.False(File.Exists(interrupted.OutputPath));
        var checkpoint = Path.Combine(interrupted.EffectiveCheckpointFolder, "checkpoint-000002.safetensors");
        Assert.True(File.Exists(checkpoint));

        var steps = new List<int>();
        var resumed = new LiteDistiller().Distill(interrupted with { ResumeFrom = checkpoint }, onProgress: p => steps.Add(p.Step));

        Assert.Equal([3, 4], steps);
        Assert.Equal(straight.LossCurve.Select(r => r.Step), resumed.LossCurve.Select(r => r.Step));
        for (var i = 0; i < 4; i++) Assert.Equal(straight.LossCurve[i].Content, resumed.LossCurve[i].Content, 1e-3);
    }

    [Fact]
    public void The_saved_lite_style_paints_through_the_fast_path_exactly_as_the_trained_student()
    {
        var path = Path.Combine(_fixture.Root, "udnie-lite.safetensors");
        using var run = new DistillationRun(Udnie, Tiny, CPU);
        using (var photos = Crops(2, 64)) for (var step = 0; step < 3; step++) run.StepOn(photos, step);
        TrainedStyleFile.Save(path, run.Student, new TrainedStyleInfo("udnie", run.Student.Options, Tiny.AsTrainingSettings(), TrainedStyleFile.DistilledLoss, 3, [], Teacher: "udnie"));
        var photo = TestImages.Gradient(52, 40, blue: 70);
        using var stylizer = FastStylizer.ForNetworks(_ => new FastNetworkSource(path, TrainedStyleFile.LoadNetwork));

        var painted = stylizer.Stylize(photo, "udnie-lite", new FastStyleOptions { Precision = ComputePrecision.Float32, MaxSide = 52, EdgePadding = 0 });

        Assert.Equal(Paint(run.Student, photo).Pixels, painted.Pixels);
        var info = TrainedStyleFile.ReadInfo(path);
        Assert.Equal(("udnie", LiteNetwork.Options), (info.Teacher, info.Network));
        Assert.Equal(LiteNetwork.Options, stylizer.Network("udnie-lite", ComputePrecision.Float32).Options);
    }

    [Theory]
    [InlineData(16, 4, 1e-3, "crop size")]
    [InlineData(64, 0, 1e-3, "steps")]
    [InlineData(64, 2_000_000, 1e-3, "steps")]
    [InlineData(64, 4, 0.0, "learning rate")]
    public void Settings_that_cannot_distil_are_refused_before_anything_loads(int crop, int steps, double rate, string named)
    {
        var options = Tiny with { CropSize = crop, Steps = steps, LearningRate = rate };

        var e = Assert.Throws<InvalidTrainingOptionsException>(() => new LiteDistiller().Distill(Request(options) with { DataFolder = "/nonexistent" }));

        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_missing_photo_folder_is_a_data_error()
    {
        var e = Assert.Throws<TrainingDataException>(() => new LiteDistiller().Distill(Request(Tiny) with { DataFolder = Path.Combine(_fixture.Root, "none") }));
        Assert.Contains("does not exist", e.Message);
    }

    private Tensor Crops(int count, int side)
    {
        var photos = Directory.GetFiles(_fixture.Photos).Order(StringComparer.Ordinal).Take(count);
        var crops = photos.Select(p => CenterCropOf(ImageDecoder.DecodeFile(p), side)).ToList();
        try { return cat(crops, 0); }
        finally { foreach (var c in crops) c.Dispose(); }
    }

    private static Tensor CenterCropOf(RgbImage photo, int side)
    {
        var scale = (double)side / Math.Min(photo.Width, photo.Height);
        var scaled = ImageResizer.Resize(photo, Math.Max(side, (int)Math.Round(photo.Width * scale)), Math.Max(side, (int)Math.Round(photo.Height * scale)));
        using var whole = ImageTensors.ToTensor(scaled);
        return whole.narrow(2, 0, side).narrow(3, 0, side).contiguous();
    }

    private static RgbImage Paint(TransformerNet net, RgbImage photo)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        net.eval();
        using var output = net.forward(ImageTensors.ToTensor(photo, PixelScale.ZeroTo255));
        return ImageTensors.ToImage(output, PixelScale.ZeroTo255);
    }
}
