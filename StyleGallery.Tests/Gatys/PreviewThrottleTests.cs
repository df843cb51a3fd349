using StyleGallery.Engine.Gatys;

namespace StyleGallery.Tests.Gatys;

public sealed class PreviewThrottleTests
{
    [Fact]
    public void A_preview_waits_for_both_the_iterations_and_the_interval()
    {
        var throttle = new PreviewThrottle(everyIterations: 2, minInterval: TimeSpan.FromSeconds(1));
        var ms = (int m) => TimeSpan.FromMilliseconds(m);

        Assert.False(throttle.IsDue(1, ms(5000)));   // too few iterations
        Assert.False(throttle.IsDue(2, ms(500)));    // too early
        Assert.True(throttle.IsDue(3, ms(1200)));
        Assert.False(throttle.IsDue(4, ms(5000)));   // only one iteration since the last
        Assert.False(throttle.IsDue(5, ms(1900)));   // only 0.7 s since the last
        Assert.True(throttle.IsDue(6, ms(2200)));
    }
}
