using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using TorchSharp;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEngineTorchTests
{
    [Fact]
    public async Task Torch_works_on_the_engine_thread_with_the_engine_runtime()
    {
        using var engine = CreateEngine();

        var final = await engine.Submit(new DelegateJob("ones", context =>
        {
            using var ones = torch.ones(new long[] { 2, 3 }, device: context.Runtime.Device);
            using var sum = ones.sum();
            return (sum.item<float>(), Environment.CurrentManagedThreadId);
        })).Finished();

        var (total, threadId) = ((float, int))final.Result!;
        Assert.Equal(JobStatus.Succeeded, final.Status);
        Assert.Equal(6f, total);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threadId);
    }

    [Fact]
    public async Task Tensors_a_job_forgets_to_dispose_are_freed_when_it_ends()
    {
        using var engine = CreateEngine();
        torch.Tensor? forgotten = null;

        await engine.Submit(new DelegateJob("leaky", _ =>
        {
            forgotten = torch.zeros(8, 8);
            return null;
        })).Finished();

        Assert.NotNull(forgotten);
        Assert.True(forgotten.IsInvalid);
    }
}
