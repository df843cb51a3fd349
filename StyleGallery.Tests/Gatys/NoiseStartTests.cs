using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Gatys;

/// <summary>
/// A noise start (issue 21): the pictures it begins from, read as the run's picture when it is cancelled before its
/// first iteration, the size-scaled total variation and the content warm-up. Expected values are worked out from the
/// distributions and the formulas, not taken from the code.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class NoiseStartTests
{
    private static readonly IReadOnlyList<StyleInput> StarryNight = [new(GatysTestData.Style)];

    /// <summary>
    /// White noise, U(0, 255) per channel: σ² = 255²/12. Luminance 0.299R + 0.587G + 0.114B has variance
    /// (0.299² + 0.587² + 0.114²)σ² = 0.4479σ², so σ_Y = 49.27; the 4-neighbour Laplacian of independent pixels has
    /// variance (4 + 16)σ_Y², σ = 220.3, and nearly normal, a mean absolute value of σ·√(2/π) = 175.8.
    /// </summary>
    [Fact]
    public void Uniform_noise_is_the_papers_white_noise_and_its_grain_is_as_computed()
    {
        var start = StartOf(NoiseStart.Uniform, seed: 5);

        Assert.InRange(Grain.MeanAbsoluteLaplacian(start), 175.8 * 0.95, 175.8 * 1.05);
        Assert.InRange(start.Pixels.Average(p => (double)p), 127.5 - 3, 127.5 + 3);
    }

    [Fact]
    public void Low_pass_noise_keeps_the_full_range_without_the_fine_grain()
    {
        var start = StartOf(NoiseStart.LowPass, seed: 5);

        Assert.True(Grain.MeanAbsoluteLaplacian(start) < 175.8 / 10, $"grain {Grain.MeanAbsoluteLaplacian(start):F1}");
        Assert.True(start.Pixels.Max() - start.Pixels.Min() > 150, "the noise spans most of 0..255");
    }

    [Fact]
    public void Quiet_noise_stays_within_a_tenth_of_the_range_around_mid_grey()
    {
        var start = StartOf(NoiseStart.Quiet, seed: 5);

        Assert.All(start.Pixels, p => Assert.InRange(p, 127.5 - 12.75 - 1, 127.5 + 12.75 + 1));
        Assert.True(start.Pixels.Max() - start.Pixels.Min() > 20);
    }

    [Theory]
    [InlineData(NoiseStart.Uniform)]
    [InlineData(NoiseStart.LowPass)]
    [InlineData(NoiseStart.Quiet)]
    public void The_same_seed_draws_the_same_noise_and_another_seed_other_noise(NoiseStart noise)
    {
        Assert.Equal(StartOf(noise, seed: 9).Pixels, StartOf(noise, seed: 9).Pixels);
        Assert.NotEqual(StartOf(noise, seed: 9).Pixels, StartOf(noise, seed: 10).Pixels);
    }

    [Fact]
    public void The_total_variation_weight_applies_at_256_squared_and_scales_inversely_with_the_pixels()
    {
        var options = new GatysOptions();

        Assert.Equal(2200, options.TvWeight);
        Assert.Equal(2200, options.TvWeightAt(256 * 256));
        Assert.Equal(35_200.0 / 3, options.TvWeightAt(128 * 96), 9);   // 2200 · 65536 / 12288 = 2200 · 16 / 3
        Assert.Equal(8_800.0 / 3, options.TvWeightAt(256 * 192), 9);    // 2200 · 65536 / 49152 = 2200 · 4 / 3
        Assert.Equal(2_200.0 / 3, options.TvWeightAt(512 * 384), 9);    // 2200 · 65536 / 196608 = 2200 / 3
        Assert.Equal(7, (options with { TvWeight = 7, TvReferencePixels = null }).TvWeightAt(1024 * 1024));
    }

    /// <summary>
    /// The reported total is the objective the optimiser ran on: for the first <c>ContentWarmupIterations</c> of a noise
    /// start, 3α·content + β·style + γ·TV; afterwards α·content + β·style + γ·TV. From the photo there is no warm-up.
    /// </summary>
    [Theory]
    [InlineData(GatysInit.Noise, 3.0)]
    [InlineData(GatysInit.Content, 1.0)]
    public void A_noise_start_weighs_the_content_more_for_its_first_iterations_only(GatysInit init, double warmupFactor)
    {
        var progress = new RecordingProgress();
        var options = GatysTestData.Small(6) with { Init = init, ContentWarmupIterations = 3, ContentWarmupFactor = 3, ContentWeight = 2 };

        GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, progress);

        var gamma = options.TvWeightAt(64 * 48);
        foreach (var report in progress.Reports)
        {
            var alpha = report.Iteration <= 3 ? 2 * warmupFactor : 2;
            var expected = alpha * report.ContentLoss + options.StyleWeight * report.StyleLoss + gamma * report.TvLoss;
            Assert.Equal(expected, report.TotalLoss, Math.Abs(expected) * 1e-5);
        }
        Assert.Equal(6, progress.Reports.Count);
    }

    private static RgbImage StartOf(NoiseStart noise, long seed)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = GatysTestData.Small() with { NoiseStart = noise, Seed = seed };
        return Assert.Throws<StylizationCanceledException>(() =>
            GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, ct: cancelled.Token)).LatestImage;
    }
}
