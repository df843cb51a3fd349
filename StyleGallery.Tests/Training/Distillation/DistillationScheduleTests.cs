using StyleGallery.Engine.Training.Distillation;

namespace StyleGallery.Tests.Training.Distillation;

/// <summary>The step sizes of a distillation: linear warm-up, then a cosine to zero at the last step.</summary>
public sealed class DistillationScheduleTests
{
    private static readonly DistillationOptions Run = new() { LearningRate = 2e-3, WarmupSteps = 10, Steps = 110 };

    [Theory]
    [InlineData(0, 2e-4)] // 1/10 of the way up
    [InlineData(4, 1e-3)] // 5/10
    [InlineData(9, 2e-3)] // the top
    [InlineData(10, 2e-3)] // cos 0 = 1
    [InlineData(35, 1.7071067811865475e-3)] // a quarter of the decay: ½(1 + cos π/4) = 0.853553…
    [InlineData(60, 1e-3)] // half way: ½(1 + cos π/2)
    [InlineData(85, 2.9289321881345254e-4)] // ½(1 + cos 3π/4) = 0.146446…
    [InlineData(110, 0)]
    [InlineData(500, 0)] // past the end (a resumed run with fewer steps) stays at zero
    public void Warms_up_linearly_then_falls_along_a_cosine(int step, double expected) =>
        Assert.Equal(expected, Run.LearningRateAt(step), 12);

    [Fact]
    public void A_run_without_warm_up_starts_at_the_top() =>
        Assert.Equal(2e-3, (Run with { WarmupSteps = 0 }).LearningRateAt(0), 12);

    [Fact]
    public void Negative_warm_up_is_refused() =>
        Assert.Contains((Run with { WarmupSteps = -1 }).Problems(), p => p.Contains("warm-up"));
}
