using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training.Distillation;

/// <summary>
/// The pruned start of a lite student (<see cref="TeacherPruning"/>), checked on a teacher built so that pruning loses
/// nothing: in every layer half the channels are dead (normalisation scale and shift 0, so they are 0 after it) and every
/// residual convolution is exactly depthwise-separable (each input channel's 3×3 filters are multiples of one filter).
/// Keeping the live half and separating the convolutions must then give the teacher's very picture; keeping any dead
/// channel, or a wrong separation, would not.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TeacherPruningTests
{
    [Fact]
    public void A_teacher_that_loses_nothing_by_pruning_is_reproduced_by_its_pruned_student()
    {
        using var teacher = PrunableTeacher(seed: 3);
        random.manual_seed(4);
        using var student = new TransformerNet(LiteNetwork.Options);
        using var photo = rand(1, 3, 48, 64) * 255;

        using var before = Paint(student, photo);
        using var target = Paint(teacher, photo);
        foreach (var channels in TeacherPruning.Initialise(student, teacher).Values) channels.Dispose();
        using var after = Paint(student, photo);

        Assert.True((before - target).abs().mean().item<float>() > 5, "the random student paints another picture");
        var difference = (after - target).abs().max().item<float>();
        Assert.True(difference < 0.05, $"the pruned student is off by up to {difference} grey levels");
    }

    [Fact]
    public void The_hints_of_a_student_that_equals_its_pruned_teacher_are_zero_and_a_random_start_has_none()
    {
        var source = new FastNetworkSource("built in the test", (_, _, _) => PrunableTeacher(seed: 7));
        var options = new DistillationOptions { CropSize = 32, BatchSize = 1, Steps = 1, TeacherPrecision = ComputePrecision.Float32, HintWeight = 10 };
        using var photos = rand(1, 3, 32, 32) * 255;

        LossRecord pruned, fromScratch;
        using (var run = new DistillationRun(source, options, CPU)) pruned = run.StepOn(photos, 0);
        using (var run = new DistillationRun(source, options with { Start = StudentStart.Random }, CPU)) fromScratch = run.StepOn(photos, 0);

        Assert.True(pruned.Content < 0.05, $"pixel loss {pruned.Content}");
        Assert.True(pruned.Style < 1e-6, $"hint loss {pruned.Style}");
        Assert.True(fromScratch.Content > 5, $"pixel loss from scratch {fromScratch.Content}");
        Assert.Equal(0, fromScratch.Style);
    }

    [Fact]
    public void Only_a_teacher_at_full_width_with_the_student_s_other_choices_can_be_pruned()
    {
        var teacher = TransformerNetOptions.Pretrained;

        Assert.True(TeacherPruning.CanPrune(teacher, LiteNetwork.Options));
        Assert.False(TeacherPruning.CanPrune(teacher, LiteNetwork.Options with { ResidualBlocks = 3 }));
        Assert.False(TeacherPruning.CanPrune(teacher with { Upsampling = FastUpsampling.ResizeConvolution }, LiteNetwork.Options));
        Assert.False(TeacherPruning.CanPrune(teacher with { Normalization = FastNormalization.Batch }, LiteNetwork.Options with { Normalization = FastNormalization.Batch }));
        Assert.False(TeacherPruning.CanPrune(teacher with { Width = FastWidth.Half }, LiteNetwork.Options));
    }

    [Theory]
    [InlineData(-1.0, StudentStart.PrunedTeacher, "hint weight")]
    [InlineData(10.0, (StudentStart)7, "student start")]
    public void A_negative_hint_weight_or_an_unknown_start_is_refused(double hintWeight, StudentStart start, string named)
    {
        var problems = new DistillationOptions { HintWeight = hintWeight, Start = start }.Problems();

        Assert.Contains(problems, p => p.Contains(named, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A full-width teacher with random weights, half of every layer's channels dead, separable residual convolutions, and
    /// a mild output normalisation.
    /// </summary>
    private static TransformerNet PrunableTeacher(long seed)
    {
        random.manual_seed(seed);
        var net = new TransformerNet();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = net.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        foreach (var (name, parameter) in p.Where(x => x.Key.StartsWith("in", StringComparison.Ordinal) || x.Key.Contains(".in", StringComparison.Ordinal)))
            parameter.copy_(name.EndsWith(".weight", StringComparison.Ordinal) ? rand(parameter.shape) + 0.5 : randn(parameter.shape) * 0.3);
        // A picture inside 0..255 everywhere: the teacher's is clamped while distilling, the student's is not.
        p["in6.weight"].fill_(0.25);
        p["in6.bias"].zero_();
        Kill(p, 32, "in1");
        Kill(p, 64, "in2");
        Kill(p, 64, "in4");
        Kill(p, 32, "in5");
        var stream = randperm(128).narrow(0, 0, 64);
        foreach (var norm in new[] { "in3" }.Concat(Enumerable.Range(1, 5).Select(k => $"res{k}.in2"))) Kill(p, stream, norm);
        for (var k = 1; k <= 5; k++)
        {
            Kill(p, 128, $"res{k}.in1");
            foreach (var conv in new[] { "conv1", "conv2" })
            {
                var pointwise = randn(128, 128, 1, 1) * 0.05;
                var depthwise = randn(1, 128, 3, 3);
                p[$"res{k}.{conv}.weight"].copy_(pointwise * depthwise);
            }
        }
        return net;
    }

    private static void Kill(Dictionary<string, TorchSharp.Modules.Parameter> p, int channels, string norm) => Kill(p, randperm(channels).narrow(0, 0, channels / 2), norm);

    private static void Kill(Dictionary<string, TorchSharp.Modules.Parameter> p, Tensor dead, string norm)
    {
        p[$"{norm}.weight"].index_fill_(0, dead, 0);
        p[$"{norm}.bias"].index_fill_(0, dead, 0);
    }

    private static Tensor Paint(TransformerNet net, Tensor photo)
    {
        using var noGrad = no_grad();
        net.eval();
        return net.forward(photo);
    }
}
