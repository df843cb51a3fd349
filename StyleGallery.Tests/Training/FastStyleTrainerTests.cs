using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class FastStyleTrainerTests : IDisposable
{
    private readonly TrainingFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(ComputePrecision.Float32)]
    [InlineData(ComputePrecision.BFloat16)]
    public void A_few_steps_lower_the_loss(ComputePrecision lossNetworkPrecision)
    {
        // Two photos and batch 2: every step sees the same photos, so the curve is not just batch-to-batch noise. The
        // default learning rate: a larger one (1e-2) saturates an output layer that no normalisation holds in range.
        using var two = new TrainingFixture(photos: 2);
        var options = TrainingFixture.Tiny with { Steps = 12, LossNetworkPrecision = lossNetworkPrecision };
        var result = TrainingFixture.Trainer().Train(two.Request(options));
        Assert.Equal(12, result.LossCurve.Count);
        Assert.Equal(Enumerable.Range(1, 12), result.LossCurve.Select(r => r.Step));
        Assert.Equal(0, result.SkippedUpdates); // a non-finite gradient skips an update; the convolution bug made 5 of 12
        var first = result.LossCurve.Take(2).Average(r => r.Total);
        var last = result.LossCurve.TakeLast(2).Average(r => r.Total);
        Assert.True(last < 0.8 * first, $"loss went from {first:G4} to {last:G4}: {string.Join(", ", result.LossCurve.Select(r => $"{r.Content:G3}+{r.Style:G3}"))}");
        Assert.All(result.LossCurve, r => Assert.True(r.Content >= 0 && r.Style > 0 && r.TotalVariation >= 0));
    }

    [Fact]
    public void Steps_without_an_update_are_the_last_step_run_less_the_updates_adam_took()
    {
        // A run resumed after step 10 ran steps 11 to 13; Adam's count says it updated at 11 of the 13.
        LossRecord[] curve = [new(11, 1, 1, 0), new(12, 1, 1, 0), new(13, 1, 1, 0)];
        var result = new TrainingResult("x.safetensors", Steps: 11, curve, [], null, LossLayers.Vgg19Fallback);

        Assert.Equal(13, result.StepsRun);
        Assert.Equal(2, result.SkippedUpdates);
    }

    [Theory]
    [InlineData(FastNormalization.Instance, FastUpsampling.TransposedConvolution)]
    [InlineData(FastNormalization.Batch, FastUpsampling.ResizeConvolution)]
    public void Both_normalisations_train_and_infer(FastNormalization normalization, FastUpsampling upsampling)
    {
        var options = TrainingFixture.Tiny with { Normalization = normalization, Upsampling = upsampling };
        var result = TrainingFixture.Trainer().Train(_fixture.Request(options, normalization.ToString()));
        Assert.All(result.LossCurve, r => Assert.True(double.IsFinite(r.Total)));

        using var net = TrainedStyleFile.LoadNetwork(result.OutputPath);
        Assert.Equal(normalization, net.Options.Normalization);
        using var photo = ImageTensors.ToTensor(ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg"))).narrow(2, 0, 40).narrow(3, 0, 52);
        using var noGrad = no_grad();
        using var output = net.forward(photo);
        Assert.Equal(new long[] { 1, 3, 40, 52 }, output.shape);
        Assert.True(output.min().item<float>() >= 0 && output.max().item<float>() <= 255);
        if (normalization == FastNormalization.Batch)
        {
            // Johnson et al.'s X = floor(x·127.5 + 127.5): whole grey levels only.
            using var fraction = output.sub(output.floor()).abs().max();
            Assert.Equal(0f, fraction.item<float>());
        }
    }

    [Fact]
    public void The_saved_file_records_its_settings_style_and_loss_curve()
    {
        var result = TrainingFixture.Trainer().Train(_fixture.Request(TrainingFixture.Tiny));
        var info = TrainedStyleFile.ReadInfo(result.OutputPath);
        Assert.Equal("the_scream_small.jpg", info.StyleImage);
        Assert.Equal(TrainingFixture.Tiny, info.Settings);
        Assert.Equal(3, info.Steps);
        Assert.Equal(result.LossCurve, info.LossCurve);
        Assert.Contains("relu3_1", info.LossLayers); // the VGG19 fallback: the mirror's VGG16 stops at conv3_3
        Assert.Equal(TrainedStyleFile.Format, SafeTensorsFile.Open(result.OutputPath).Metadata["format"]);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_at_its_step_and_matches_an_uninterrupted_run()
    {
        // Multi-threaded CPU reductions may sum in another order from run to run, and Adam's first steps turn the
        // sign of a near-zero gradient into a full ±lr update; one thread makes both runs bit-for-bit comparable.
        var threads = get_num_threads();
        set_num_threads(1);
        try { ResumeMatchesUninterruptedRun(); }
        finally { set_num_threads(threads); }
    }

    private void ResumeMatchesUninterruptedRun()
    {
        var options = TrainingFixture.Tiny with { Steps = 4, CheckpointEvery = 2 };
        var whole = TrainingFixture.Trainer().Train(_fixture.Request(options, "whole"));
        Assert.NotNull(whole.LastCheckpoint);
        Assert.EndsWith("checkpoint-000002.safetensors", whole.LastCheckpoint);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(whole.LastCheckpoint)!, "preview-000002.png")));

        var resumed = TrainingFixture.Trainer().Train(_fixture.Request(options, "resumed") with { ResumeFrom = whole.LastCheckpoint });
        Assert.Equal(whole.LossCurve.Select(r => r.Step), resumed.LossCurve.Select(r => r.Step));
        Assert.Equal(4, resumed.Steps);
        for (var i = 2; i < 4; i++)
            Assert.True(Math.Abs(whole.LossCurve[i].Total - resumed.LossCurve[i].Total) <= 1e-4 * whole.LossCurve[i].Total,
                $"step {i + 1}: {whole.LossCurve[i]} vs {resumed.LossCurve[i]}; before: {string.Join(" ", whole.LossCurve)}");

        var a = SafeTensorsFile.Load(whole.OutputPath);
        var b = SafeTensorsFile.Load(resumed.OutputPath);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var name in a.Keys) Assert.True(a[name].allclose(b[name], rtol: 1e-4, atol: 1e-6), name);
    }

    [Fact]
    public void Previews_show_the_fixed_validation_photo_at_each_checkpoint_and_at_the_end()
    {
        var previews = new List<(int Step, RgbImage Image)>();
        TrainingFixture.Trainer().Train(_fixture.Request(TrainingFixture.Tiny with { Steps = 5, CheckpointEvery = 2 }), onPreview: (s, i) => previews.Add((s, i)));
        Assert.Equal(new[] { 2, 4, 5 }, previews.Select(p => p.Step)); // checkpoints at 2 and 4, the finished network at 5
        Assert.All(previews, p => Assert.Equal((32, 32), (p.Image.Width, p.Image.Height)));
    }

    [Fact]
    public void Cancelling_stops_between_steps()
    {
        using var cancel = new CancellationTokenSource();
        var steps = 0;
        Assert.Throws<OperationCanceledException>(() => TrainingFixture.Trainer().Train(
            _fixture.Request(TrainingFixture.Tiny with { Steps = 50 }), cancel.Token, _ => { if (++steps == 2) cancel.Cancel(); }));
        Assert.Equal(2, steps);
    }
}
