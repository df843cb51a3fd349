using StyleGallery.Engine.Gatys;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

public sealed class LivePreviewPacingTests
{
    [Theory]
    [InlineData(64, 7.8125)]    // (64/512)² · 500 ms
    [InlineData(256, 125)]
    [InlineData(512, 500)]
    [InlineData(2048, 500)]     // never rarer than one every half second
    public void The_interval_grows_with_the_area_up_to_half_a_second(int maxSide, double expectedMs) =>
        Assert.Equal(expectedMs, LivePreviewPacing.IntervalFor(maxSide).TotalMilliseconds, 6);

    [Fact]
    public void A_watched_run_previews_every_iteration_and_keeps_its_other_options()
    {
        var options = new GatysOptions { MaxSide = 128, Iterations = 37, Seed = 5 };

        var paced = LivePreviewPacing.Apply(options);

        Assert.Equal(1, paced.PreviewEveryIterations);
        Assert.Equal(TimeSpan.FromMilliseconds(31.25), paced.PreviewMinInterval);
        Assert.Equal(options with { PreviewEveryIterations = 1, PreviewMinInterval = paced.PreviewMinInterval }, paced);
    }
}
