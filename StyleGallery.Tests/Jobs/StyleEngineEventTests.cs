using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEngineEventTests
{
    private static readonly DelegateJob FiveSteps = new("five steps", context =>
    {
        for (var step = 1; step <= 5; step++)
            context.Report(step, 5, new StepLosses(10.0 / step, 0, 0, 0), message: $"step {step}");
        return "done";
    });

    [Fact]
    public async Task Progress_arrives_in_order_between_start_and_finish_despite_a_throwing_subscriber()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var recorder = new EventRecorder();
        engine.JobChanged += (_, _) => throw new InvalidOperationException("careless subscriber");
        engine.JobChanged += recorder.OnJobChanged;
        var ticket = engine.Submit(FiveSteps);

        blocker.Release();
        await recorder.WaitForFinalEventAsync(ticket.Id);

        var seen = recorder.EventsOf(ticket.Id).Select(e => (e.Kind, e.Job.Status, e.Job.Progress?.Step)).ToList();
        Assert.Equal(
        [
            (JobEventKind.StatusChanged, JobStatus.Queued, null),
            (JobEventKind.StatusChanged, JobStatus.Running, null),
            (JobEventKind.Progress, JobStatus.Running, 1),
            (JobEventKind.Progress, JobStatus.Running, 2),
            (JobEventKind.Progress, JobStatus.Running, 3),
            (JobEventKind.Progress, JobStatus.Running, 4),
            (JobEventKind.Progress, JobStatus.Running, 5),
            (JobEventKind.StatusChanged, JobStatus.Succeeded, 5),
        ], seen);
        var progress = recorder.EventsOf(ticket.Id).Where(e => e.Kind == JobEventKind.Progress).Select(e => e.Job.Progress!).ToList();
        Assert.Equal([10.0, 5.0, 10.0 / 3, 2.5, 2.0], progress.Select(p => p.Losses!.Total));
        Assert.Equal("step 3", progress[2].Message);
        Assert.Equal(0.6, progress[2].Fraction);
        Assert.True(progress.Zip(progress.Skip(1)).All(pair => pair.First.Elapsed <= pair.Second.Elapsed));
        Assert.Equal(JobStatus.Succeeded, (await engine.Submit(DelegateJob.Returning("after")).Finished()).Status);
    }

    [Fact]
    public async Task Queueing_and_moving_up_are_announced()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var recorder = new EventRecorder();
        engine.JobChanged += recorder.OnJobChanged;
        var ahead = engine.Submit(DelegateJob.Returning("ahead"));
        var ticket = engine.Submit(DelegateJob.Returning("behind"));

        engine.Cancel(ahead.Id);
        blocker.Release();
        await recorder.WaitForFinalEventAsync(ticket.Id);

        var seen = recorder.EventsOf(ticket.Id).Select(e => (e.Kind, e.Job.Status, e.Job.QueuePosition)).ToList();
        Assert.Equal(
        [
            (JobEventKind.StatusChanged, JobStatus.Queued, 2),
            (JobEventKind.QueuePositionChanged, JobStatus.Queued, 1),
            (JobEventKind.StatusChanged, JobStatus.Running, null),
            (JobEventKind.StatusChanged, JobStatus.Succeeded, null),
        ], seen);
    }

    [Fact]
    public async Task A_subscriber_that_blocks_does_not_hold_up_the_jobs()
    {
        using var engine = CreateEngine();
        using var subscriberGate = new ManualResetEventSlim();
        engine.JobChanged += (_, _) => subscriberGate.Wait(Guard);

        var tickets = Enumerable.Range(0, 3).Select(i => engine.Submit(FiveSteps)).ToList();
        foreach (var ticket in tickets) Assert.Equal(JobStatus.Succeeded, (await ticket.Finished()).Status);

        var recorder = new EventRecorder();
        engine.JobChanged += recorder.OnJobChanged;
        subscriberGate.Set();
        // Held-up events are still delivered, in order, once the subscriber lets go.
        await recorder.WaitForFinalEventAsync(tickets[^1].Id);
        Assert.Equal(JobEventKind.StatusChanged, recorder.EventsOf(tickets[^1].Id)[^1].Kind);
    }

    [Fact]
    public async Task Watching_yields_the_current_state_then_every_change_until_the_end()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var ticket = engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        using var guard = new CancellationTokenSource(Guard);

        await using var watch = engine.WatchAsync(ticket.Id, guard.Token).GetAsyncEnumerator(guard.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(JobStatus.Running, watch.Current.Job.Status);
        blocker.Release();
        var rest = new List<JobEvent>();
        while (await watch.MoveNextAsync()) rest.Add(watch.Current);

        Assert.Equal(JobStatus.Succeeded, rest[^1].Job.Status);
        Assert.All(rest[..^1], e => Assert.False(e.Job.IsFinished));
    }

    [Fact]
    public async Task Watching_a_finished_job_yields_its_final_state_once()
    {
        using var engine = CreateEngine();
        var ticket = engine.Submit(DelegateJob.Returning("x"));
        await ticket.Finished();

        var events = new List<JobEvent>();
        await foreach (var e in engine.WatchAsync(ticket.Id).WithCancellation(new CancellationTokenSource(Guard).Token)) events.Add(e);

        Assert.Equal(JobStatus.Succeeded, Assert.Single(events).Job.Status);
    }

    [Fact]
    public async Task Watching_an_unknown_id_says_so()
    {
        using var engine = CreateEngine();

        await Assert.ThrowsAsync<JobNotFoundException>(async () =>
        {
            await foreach (var _ in engine.WatchAsync("nope")) { }
        });
    }
}
