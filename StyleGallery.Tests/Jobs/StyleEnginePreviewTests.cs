using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEnginePreviewTests
{
    [Fact]
    public async Task Only_the_newest_preview_is_kept_and_it_outlives_the_run()
    {
        using var engine = CreateEngine();
        using var hold = new ManualResetEventSlim();
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previews = new[] { RgbImage.Filled(4, 4, 10, 0, 0), RgbImage.Filled(4, 4, 20, 0, 0), RgbImage.Filled(4, 4, 30, 0, 0) };
        var ticket = engine.Submit(new DelegateJob("previews", context =>
        {
            foreach (var preview in previews) context.PublishPreview(preview);
            published.SetResult();
            hold.Wait(context.Cancellation);
            return null;
        }));

        await published.Task.WaitAsync(Guard);
        Assert.Same(previews[2], engine.LatestPreview(ticket.Id));
        Assert.True(engine.Get(ticket.Id)!.HasPreview);

        hold.Set();
        await ticket.Finished();
        Assert.Same(previews[2], engine.LatestPreview(ticket.Id));
    }

    [Fact]
    public async Task A_job_that_publishes_nothing_has_no_preview()
    {
        using var engine = CreateEngine();

        var final = await engine.Submit(DelegateJob.Returning("plain")).Finished();

        Assert.False(final.HasPreview);
        Assert.Null(engine.LatestPreview(final.Id));
    }
}
