using StyleGallery.Engine.Gatys;
using StyleGallery.Tests.Support;
using TorchSharp;

namespace StyleGallery.Tests.Gatys;

/// <summary>Dispose scopes keep the number of live tensors flat over a run (NOTES-torchsharp: 156 MiB/iteration leak without).</summary>
[Collection(TorchCollection.Name)]
public sealed class GatysMemoryTests
{
    [Theory]
    [InlineData(GatysOptimizer.Lbfgs)]
    [InlineData(GatysOptimizer.Adam)]
    public void Live_tensors_stay_flat_across_iterations_and_return_to_the_start_afterwards(GatysOptimizer optimizer)
    {
        var liveAtIteration = new Dictionary<int, long>();
        var progress = new RecordingProgress(r => liveAtIteration[r.Iteration] = DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // L-BFGS keeps up to LbfgsHistory pairs, so compare after the history is full.
        var options = GatysTestData.Small(9) with { Optimizer = optimizer, LbfgsHistory = 2 };
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        GatysTestData.Stylizer().Stylize(GatysTestData.Content, [new(GatysTestData.Style)], options, progress);

        Assert.Equal(liveAtIteration[5], liveAtIteration[9]);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
