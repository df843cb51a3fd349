using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEngineCancellationTests
{
    [Fact]
    public async Task A_cancelled_queued_job_ends_at_once_and_never_runs()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var ran = false;
        var victim = engine.Submit(new DelegateJob("victim", _ => ran = true));

        Assert.True(engine.Cancel(victim.Id));

        Assert.True(victim.Completion.IsCompleted);
        Assert.Equal(JobStatus.Cancelled, engine.Get(victim.Id)!.Status);
        Assert.Null(engine.Get(victim.Id)!.StartedAt);
        blocker.Release();
        // FIFO: once a later job has run, the cancelled one would have run before it.
        await engine.Submit(DelegateJob.Returning("later")).Finished();
        Assert.False(ran);
        Assert.False(engine.Cancel(victim.Id));
    }

    [Fact]
    public async Task A_cancelled_running_job_sees_its_token_ends_cancelled_and_the_next_job_runs()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var running = engine.Submit(blocker);
        var next = engine.Submit(DelegateJob.Returning("next"));
        await blocker.WaitUntilStartedAsync();

        Assert.True(engine.Cancel(running.Id));

        var final = await running.Finished();
        Assert.True(blocker.SawCancellation);
        Assert.Equal(JobStatus.Cancelled, final.Status);
        Assert.Null(final.Error);
        Assert.NotNull(final.FinishedAt);
        Assert.Equal(JobStatus.Succeeded, (await next.Finished()).Status);
        Assert.False(engine.Cancel(running.Id));
    }

    [Fact]
    public async Task A_job_that_returns_after_cancellation_is_cancelled_but_keeps_what_it_made()
    {
        using var engine = CreateEngine();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticket = engine.Submit(new DelegateJob("stops early", context =>
        {
            started.SetResult();
            context.Cancellation.WaitHandle.WaitOne(Guard);
            return "partial image";
        }));
        await started.Task.WaitAsync(Guard);

        engine.Cancel(ticket.Id);

        var final = await ticket.Finished();
        Assert.Equal((JobStatus.Cancelled, (object?)"partial image"), (final.Status, final.Result));
    }

    [Fact]
    public void Cancelling_an_unknown_id_says_false()
    {
        using var engine = CreateEngine();

        Assert.False(engine.Cancel("no-such-job-aaaaaaaaaaa"));
    }

    [Fact]
    public async Task Disposing_cancels_everything_and_stops_the_thread()
    {
        var engine = CreateEngine();
        using var blocker = new GatedJob();
        var running = engine.Submit(blocker);
        var queued = engine.Submit(DelegateJob.Returning("never"));
        await blocker.WaitUntilStartedAsync();

        engine.Dispose();

        Assert.True(blocker.SawCancellation);
        Assert.False(blocker.RanOn!.IsAlive);
        Assert.Equal(JobStatus.Cancelled, (await running.Finished()).Status);
        Assert.Equal(JobStatus.Cancelled, (await queued.Finished()).Status);
        Assert.Throws<ObjectDisposedException>(() => engine.Submit(DelegateJob.Returning("too late")));
        engine.Dispose();
    }

    [Fact]
    public async Task Waiting_can_be_abandoned_without_touching_the_job()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var ticket = engine.Submit(blocker);
        using var giveUp = new CancellationTokenSource();

        var wait = engine.WaitAsync(ticket.Id, giveUp.Token);
        giveUp.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        blocker.Release();
        Assert.Equal(JobStatus.Succeeded, (await engine.WaitAsync(ticket.Id).WaitAsync(Guard)).Status);
    }
}
