using StyleGallery.Engine.Jobs;

namespace StyleGallery.Tests.Jobs;

public sealed class EngineOptionsTests
{
    [Fact]
    public void Defaults_are_a_queue_of_16_and_256_remembered_jobs()
    {
        var options = new EngineOptions();

        Assert.Equal((16, 256, TimeSpan.FromSeconds(30)), (options.QueueCapacity, options.RetainedFinishedJobs, options.ShutdownTimeout));
    }

    [Fact]
    public void Nonsense_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { QueueCapacity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { RetainedFinishedJobs = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { ShutdownTimeout = TimeSpan.Zero });
    }

    [Fact]
    public void A_queue_of_one_is_described_in_the_singular()
    {
        Assert.Equal("The engine is busy: 1 job is waiting (limit 1). Try again in a moment.", new QueueFullException(1, 1).Message);
    }

    [Fact]
    public void Progress_fraction_is_known_only_with_a_total()
    {
        Assert.Equal(0.25, new JobProgress(1, 4, TimeSpan.Zero).Fraction);
        Assert.Null(new JobProgress(7, 0, TimeSpan.Zero).Fraction);
    }
}
