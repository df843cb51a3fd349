using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

public sealed class JobProgressTests
{
    [Fact]
    public void Fraction_is_known_only_with_a_total_and_stays_within_0_and_1()
    {
        Assert.Equal(0.25, new JobProgress(1, 4, TimeSpan.Zero).Fraction);
        Assert.Equal(1.0, new JobProgress(5, 4, TimeSpan.Zero).Fraction);
        Assert.Null(new JobProgress(7, 0, TimeSpan.Zero).Fraction);
    }
}
