using StyleGallery.Engine.Gatys;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Gatys;

/// <summary>Checkpoints of an optimisation, and a run that goes on from one as a run after a crash does.</summary>
[Collection(TorchCollection.Name)]
public sealed class GatysResumeTests
{
    private static readonly IReadOnlyList<StyleInput> StarryNight = [new(GatysTestData.Style)];

    [Fact]
    public void Checkpoints_come_every_n_iterations_with_the_pixels_reached()
    {
        var saved = new List<GatysResumePoint>();
        var options = GatysTestData.Small(10) with { Optimizer = GatysOptimizer.Adam, LearningRate = 10 };

        GatysTestData.Stylizer().Stylize(GatysTestData.Content, StarryNight, options, null, default,
            new GatysCheckpointing(null, saved.Add, EveryIterations: 4, Every: TimeSpan.FromHours(1)));

        Assert.Equal([4, 8], saved.Select(p => p.CompletedIterations));
        Assert.All(saved, p => Assert.Equal((64, 48), (p.Image.Width, p.Image.Height)));
        Assert.NotEqual(saved[0].Image.Pixels, saved[1].Image.Pixels);
    }

    [Fact]
    public void A_resumed_run_goes_on_at_the_checkpoints_iteration_from_its_pixels_not_from_noise()
    {
        var stylizer = GatysTestData.Stylizer();
        var options = GatysTestData.Small(12) with { Optimizer = GatysOptimizer.Adam, LearningRate = 10 };
        var saved = new List<GatysResumePoint>();
        var whole = new RecordingProgress();
        stylizer.Stylize(GatysTestData.Content, StarryNight, options, whole, default,
            new GatysCheckpointing(null, saved.Add, EveryIterations: 6, Every: TimeSpan.FromHours(1)));
        var checkpoint = saved.Single(p => p.CompletedIterations == 6);

        var resumed = new RecordingProgress();
        var result = stylizer.Stylize(GatysTestData.Content, StarryNight, options, resumed, default,
            new GatysCheckpointing(checkpoint, _ => { }, EveryIterations: 100, Every: TimeSpan.FromHours(1)));

        Assert.Equal(Enumerable.Range(7, 6), resumed.Reports.Select(r => r.Iteration));
        Assert.All(resumed.Reports, r => Assert.Equal(12, r.TotalIterations));
        Assert.Equal((64, 48), (result.Width, result.Height));
        // Iteration 7 scores the checkpoint's pixels in both runs (rounded to bytes in the checkpoint), so its loss is
        // the uninterrupted run's; a run that started again from noise would score about the first iteration's.
        var uninterrupted = whole.Reports[6].TotalLoss;
        Assert.Equal(uninterrupted, resumed.Reports[0].TotalLoss, uninterrupted * 0.02);
        Assert.True(resumed.Reports[0].TotalLoss < 0.8 * whole.Reports[0].TotalLoss);
    }

    [Fact]
    public void A_checkpoint_at_the_end_of_a_scale_level_resumes_at_the_next_level()
    {
        var stylizer = GatysTestData.Stylizer();
        var options = GatysTestData.Small(4) with { Optimizer = GatysOptimizer.Adam, LearningRate = 10, ScaleLevels = 2 };
        var saved = new List<GatysResumePoint>();
        stylizer.Stylize(GatysTestData.Content, StarryNight, options, null, default,
            new GatysCheckpointing(null, saved.Add, EveryIterations: 4, Every: TimeSpan.FromHours(1)));
        var endOfFirstLevel = saved.Single(p => p.CompletedIterations == 4);
        Assert.Equal((32, 24), (endOfFirstLevel.Image.Width, endOfFirstLevel.Image.Height));

        var resumed = new RecordingProgress();
        var result = stylizer.Stylize(GatysTestData.Content, StarryNight, options, resumed, default,
            new GatysCheckpointing(endOfFirstLevel, _ => { }, EveryIterations: 100, Every: TimeSpan.FromHours(1)));

        Assert.Equal([5, 6, 7, 8], resumed.Reports.Select(r => r.Iteration));
        Assert.All(resumed.Reports, r => Assert.Equal(2, r.ScaleLevel));
        Assert.Equal((64, 48), (result.Width, result.Height));
    }
}
