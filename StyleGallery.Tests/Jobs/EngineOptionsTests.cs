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
}
