using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Gatys;

[Collection(TorchCollection.Name)]
public sealed class GatysStylizerTests
{
    private static readonly IReadOnlyList<StyleInput> StarryNight = [new(GatysTestData.Style)];

    [Theory]
    [InlineData(GatysOptimizer.Lbfgs)]
    [InlineData(GatysOptimizer.Adam)]
    public void Each_optimiser_reduces_the_loss_and_reports_every_iteration(GatysOptimizer optimizer)
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(10) with { Optimizer = optimizer, LearningRate = 10 };

        var result = GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, progress);

        Assert.Equal((64, 48), (result.Width, result.Height));
        Assert.Equal(Enumerable.Range(1, 10), progress.Reports.Select(r => r.Iteration));
        Assert.All(progress.Reports, r => Assert.Equal(10, r.TotalIterations));
        Assert.All(progress.Reports, r => Assert.Equal(["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"], r.StyleLayerLosses.Keys.Order()));
        var first = progress.Reports[0];
        var last = progress.Reports[^1];
        Assert.True(last.TotalLoss < 0.7 * first.TotalLoss, $"{optimizer}: loss went from {first.TotalLoss} to {last.TotalLoss}");
        Assert.Equal(options.ContentWeight * options.ContentWarmupFactor * first.ContentLoss + options.StyleWeight * first.StyleLoss + options.TvWeightAt(64 * 48) * first.TvLoss, first.TotalLoss, first.TotalLoss * 1e-5);
    }

    [Fact]
    public void A_bfloat16_loss_network_measures_the_same_losses_as_float32_and_optimises_as_well()
    {
        var stylizer = GatysTestData.Stylizer();
        var exact = new RecordingProgress();
        var mixed = new RecordingProgress();
        var options = GatysTestData.Small(30);

        stylizer.Stylize(GatysTestData.Content, StarryNight, options with { Precision = ComputePrecision.Float32 }, exact);
        stylizer.Stylize(GatysTestData.Content, StarryNight, options with { Precision = ComputePrecision.BFloat16 }, mixed);

        // Evaluation 1 scores the same seeded noise in both runs: only the convolutions' precision differs.
        Assert.Equal(exact.Reports[0].StyleLoss, mixed.Reports[0].StyleLoss, exact.Reports[0].StyleLoss * 0.02);
        Assert.Equal(exact.Reports[0].ContentLoss, mixed.Reports[0].ContentLoss, exact.Reports[0].ContentLoss * 0.02);
        // The trajectories part after a few steps (L-BFGS amplifies small gradient differences), so the end points are
        // compared loosely: at 64 px float32 is 14 % ahead after 10 steps and bfloat16 13 % ahead after 30.
        Assert.True(mixed.Reports[^1].TotalLoss < 0.3 * mixed.Reports[0].TotalLoss);
        Assert.True(mixed.Reports[^1].TotalLoss < 1.25 * exact.Reports[^1].TotalLoss,
            $"bfloat16 ended at {mixed.Reports[^1].TotalLoss}, float32 at {exact.Reports[^1].TotalLoss}");
    }

    [Fact]
    public void Started_from_the_photo_a_bfloat16_loss_network_optimises_as_well_as_float32()
    {
        // The case that once kept bfloat16 from being the default: L-BFGS's first step was below the bfloat16 input's
        // resolution, so the first curvature pair claimed almost none and the second step wrecked the photo
        // (2.4× float32's loss in this case).
        var stylizer = GatysTestData.Stylizer();
        var exact = new RecordingProgress();
        var mixed = new RecordingProgress();
        var photo = ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg"));
        IReadOnlyList<StyleInput> udnie = [new(ImageDecoder.DecodeFile(SharedData.Style("udnie.jpg")))];
        var options = GatysTestData.Small(40) with { MaxSide = 128, Init = GatysInit.Content };

        stylizer.Stylize(photo, udnie, options with { Precision = ComputePrecision.Float32 }, exact);
        stylizer.Stylize(photo, udnie, options with { Precision = ComputePrecision.BFloat16 }, mixed);

        Assert.True(mixed.Reports[^1].TotalLoss < 1.15 * exact.Reports[^1].TotalLoss,
            $"bfloat16 ended at {mixed.Reports[^1].TotalLoss}, float32 at {exact.Reports[^1].TotalLoss}");
        Assert.True(mixed.Reports[^1].ContentLoss < 1.15 * exact.Reports[^1].ContentLoss,
            $"bfloat16 kept less of the photo: content {mixed.Reports[^1].ContentLoss} vs {exact.Reports[^1].ContentLoss}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_pixels_and_another_seed_does_not()
    {
        var stylizer = GatysTestData.Stylizer();
        var options = GatysTestData.Small(4);

        var first = stylizer.Stylize(GatysTestData.Content, StarryNight, options);
        var second = stylizer.Stylize(GatysTestData.Content, StarryNight, options);
        var otherSeed = stylizer.Stylize(GatysTestData.Content, StarryNight, options with { Seed = 1 });

        Assert.Equal(first.Pixels, second.Pixels);
        Assert.NotEqual(first.Pixels, otherSeed.Pixels);
    }

    [Fact]
    public void Cancelling_stops_before_the_next_iteration_and_hands_over_the_latest_image()
    {
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(r => { if (r.Iteration == 3) cts.Cancel(); });

        var error = Assert.Throws<StylizationCanceledException>(() =>
            GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, GatysTestData.Small(50), progress, cts.Token));

        Assert.Equal(3, error.CompletedIterations);
        Assert.Equal(3, progress.Reports.Count);
        Assert.Equal((64, 48), (error.LatestImage.Width, error.LatestImage.Height));
        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public void Previews_come_at_most_every_n_iterations()
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(7) with { PreviewEveryIterations = 3, PreviewMinInterval = TimeSpan.Zero };

        GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, progress);

        Assert.Equal([3, 6], progress.Reports.Where(r => r.Preview is not null).Select(r => r.Iteration));
        Assert.Equal(64, progress.Reports[2].Preview!.Width);
    }

    [Fact]
    public void Colour_preservation_keeps_the_contents_chroma()
    {
        var options = GatysTestData.Small(6) with { PreserveColors = true, Init = GatysInit.Content };
        var styles = new[] { new StyleInput(GatysTestData.Stripes) };

        var preserved = GatysTestData.Stylizer().Stylize(GatysTestData.Content, styles, options);
        var plain = GatysTestData.Stylizer().Stylize(GatysTestData.Content, styles, options with { PreserveColors = false });

        Assert.True(MeanChromaDistance(preserved, GatysTestData.Content) < 2.0, "preserved output should carry the content's I/Q");
        Assert.True(MeanChromaDistance(plain, GatysTestData.Content) > 2 * MeanChromaDistance(preserved, GatysTestData.Content),
            "without preservation the red/blue style should shift the chroma");
    }

    [Fact]
    public void A_style_with_blend_weight_zero_changes_nothing_and_a_real_blend_differs_from_either_style()
    {
        var stylizer = GatysTestData.Stylizer();
        var options = GatysTestData.Small(4);

        var starryOnly = stylizer.Stylize(GatysTestData.Content, StarryNight, options);
        var withZeroStripes = stylizer.Stylize(GatysTestData.Content, [new(GatysTestData.Style, 1), new(GatysTestData.Stripes, 0)], options);
        var blend = stylizer.Stylize(GatysTestData.Content, [new(GatysTestData.Style, 1), new(GatysTestData.Stripes, 1)], options);
        var stripesOnly = stylizer.Stylize(GatysTestData.Content, [new(GatysTestData.Stripes)], options);

        Assert.Equal(starryOnly.Pixels, withZeroStripes.Pixels);
        Assert.NotEqual(starryOnly.Pixels, blend.Pixels);
        Assert.NotEqual(stripesOnly.Pixels, blend.Pixels);
    }

    [Fact]
    public void Coarse_to_fine_runs_every_level_and_ends_at_full_size()
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(3) with { ScaleLevels = 2 };

        var result = GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, progress);

        Assert.Equal((64, 48), (result.Width, result.Height));
        Assert.Equal([1, 1, 1, 2, 2, 2], progress.Reports.Select(r => r.ScaleLevel));
        Assert.Equal(Enumerable.Range(1, 6), progress.Reports.Select(r => r.Iteration));
        Assert.All(progress.Reports, r => Assert.Equal(6, r.TotalIterations));
    }

    [Fact]
    public void Content_reconstruction_needs_no_style_and_matches_only_the_content()
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(10) with { Mode = GatysMode.ReconstructContent, ContentLayers = ["relu2_2"], TvWeight = 0 };

        GatysTestData.Stylizer().Stylize(GatysTestData.Content, [], options, progress);

        Assert.All(progress.Reports, r => Assert.Equal(0, r.StyleLoss));
        Assert.Empty(progress.Reports[0].StyleLayerLosses);
        Assert.True(progress.Reports[^1].ContentLoss < 0.5 * progress.Reports[0].ContentLoss);
    }

    [Fact]
    public void Texture_synthesis_matches_only_the_style()
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(10) with { Mode = GatysMode.SynthesizeTexture, StyleLayers = ["relu1_1", "relu2_1", "relu3_1"] };

        var texture = GatysTestData.Stylizer().Stylize(GatysTestData.Style, StarryNight, options, progress);

        Assert.Equal((64, 48), (texture.Width, texture.Height));
        Assert.All(progress.Reports, r => Assert.Equal(0, r.ContentLoss));
        Assert.True(progress.Reports[^1].StyleLoss < 0.5 * progress.Reports[0].StyleLoss);
    }

    /// <summary>Mean |ΔI| + |ΔQ| (YIQ) between two pictures of the same size.</summary>
    private static double MeanChromaDistance(RgbImage a, RgbImage b)
    {
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i += 3)
        {
            var (_, ia, qa) = LuminanceTransfer.ToYiq(a.Pixels[i], a.Pixels[i + 1], a.Pixels[i + 2]);
            var (_, ib, qb) = LuminanceTransfer.ToYiq(b.Pixels[i], b.Pixels[i + 1], b.Pixels[i + 2]);
            sum += Math.Abs(ia - ib) + Math.Abs(qa - qb);
        }
        return sum / (a.Pixels.Length / 3);
    }
}
