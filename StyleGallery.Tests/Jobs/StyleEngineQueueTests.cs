using System.Collections.Concurrent;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

// The engine opens a torch dispose scope around every job, so even fake jobs touch torch.
[Collection(TorchCollection.Name)]
public sealed class StyleEngineQueueTests
{
    [Fact]
    public async Task Jobs_run_in_the_order_they_were_submitted()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var order = new ConcurrentQueue<string>();
        engine.Submit(blocker);
        var tickets = new[] { "a", "b", "c", "d" }
            .Select(name => engine.Submit(new DelegateJob(name, _ => { order.Enqueue(name); return null; })))
            .ToList();

        blocker.Release();
        foreach (var ticket in tickets) await ticket.Finished();

        Assert.Equal(["a", "b", "c", "d"], order);
    }

    [Fact]
    public async Task Only_one_job_runs_at_a_time()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var active = 0;
        var mostActive = 0;
        var runningSeenByJobs = new ConcurrentBag<int>();
        object? Track(JobContext _)
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref mostActive, now);
            runningSeenByJobs.Add(engine.ListJobs().Count(job => job.Status == JobStatus.Running));
            Interlocked.Decrement(ref active);
            return null;
        }

        var blockerTicket = engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var tickets = Enumerable.Range(0, 5).Select(i => engine.Submit(new DelegateJob($"track {i}", Track))).ToList();
        Assert.All(tickets, t => Assert.Equal(JobStatus.Queued, engine.Get(t.Id)!.Status));
        Assert.Equal(JobStatus.Running, engine.Get(blockerTicket.Id)!.Status);

        blocker.Release();
        foreach (var ticket in tickets) await ticket.Finished();

        Assert.Equal(1, mostActive);
        Assert.Equal([1, 1, 1, 1, 1], runningSeenByJobs);
    }

    [Fact]
    public async Task A_full_queue_refuses_clearly_and_loses_nothing()
    {
        using var engine = CreateEngine(new EngineOptions { QueueCapacity = 2 });
        using var blocker = new GatedJob();
        engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var first = engine.Submit(DelegateJob.Returning("first"));
        var second = engine.Submit(DelegateJob.Returning("second"));

        var refused = Assert.Throws<QueueFullException>(() => engine.Submit(DelegateJob.Returning("third")));

        Assert.Equal("The engine is busy: 2 jobs are waiting (limit 2). Try again in a moment.", refused.Message);
        Assert.Equal((2, 2), (refused.Waiting, refused.Limit));
        Assert.Equal(3, engine.ListJobs().Count);
        Assert.Equal(2, engine.Get(second.Id)!.QueuePosition);
        blocker.Release();
        Assert.Equal("first", (await first.Finished()).Result);
        Assert.Equal("second", (await second.Finished()).Result);
        Assert.Equal("again", (await engine.Submit(DelegateJob.Returning("again")).Finished()).Result);
    }

    [Fact]
    public void A_queue_of_one_is_described_in_the_singular()
    {
        Assert.Equal("The engine is busy: 1 job is waiting (limit 1). Try again in a moment.", new QueueFullException(1, 1).Message);
    }

    [Fact]
    public async Task Queue_positions_count_from_one_and_move_up()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var running = engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var a = engine.Submit(DelegateJob.Returning("a"));
        var b = engine.Submit(DelegateJob.Returning("b"));
        var c = engine.Submit(DelegateJob.Returning("c"));

        Assert.Equal([null, 1, 2, 3], Positions(engine, running, a, b, c));
        engine.Cancel(a.Id);
        Assert.Equal([null, null, 1, 2], Positions(engine, running, a, b, c));

        blocker.Release();
        await c.Finished();
        Assert.Equal([null, null, null, null], Positions(engine, running, a, b, c));
    }

    [Fact]
    public void Ids_are_unique_unguessable_and_url_safe()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => JobIds.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{22}$", id));
        // 128 random bits: every position should take many values, so nothing is a fixed prefix or a counter.
        Assert.All(Enumerable.Range(0, 21), i => Assert.True(ids.Select(id => id[i]).Distinct().Count() > 32));
    }

    [Fact]
    public async Task A_ticket_id_finds_its_job()
    {
        using var engine = CreateEngine();
        var ticket = engine.Submit(new DelegateJob("describe me", _ => 42));

        var final = await ticket.Finished();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", ticket.Id);
        Assert.Equal((ticket.Id, "delegate", "describe me", JobStatus.Succeeded, (object?)42),
            (final.Id, final.Kind, final.Description, final.Status, final.Result));
        Assert.Equal(final, engine.Get(ticket.Id));
        Assert.True(final.CreatedAt <= final.StartedAt && final.StartedAt <= final.FinishedAt);
    }

    [Fact]
    public async Task Only_the_configured_number_of_finished_jobs_is_remembered()
    {
        using var engine = CreateEngine(new EngineOptions { RetainedFinishedJobs = 2 });
        var tickets = new List<JobTicket>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(engine.Submit(DelegateJob.Returning(i)));
            await tickets[^1].Finished();
        }

        Assert.Null(engine.Get(tickets[0].Id));
        Assert.NotNull(engine.Get(tickets[1].Id));
        Assert.NotNull(engine.Get(tickets[2].Id));
        await Assert.ThrowsAsync<JobNotFoundException>(() => engine.WaitAsync(tickets[0].Id));
    }

    [Fact]
    public async Task A_transient_job_hands_its_result_to_the_ticket_and_is_forgotten_at_once()
    {
        using var engine = CreateEngine(new EngineOptions { RetainedFinishedJobs = 2 });
        var kept = engine.Submit(DelegateJob.Returning("kept"));
        await kept.Finished();

        var frame = engine.Submit(new DelegateJob("a camera frame", _ => "painted", transient: true));
        var final = await frame.Completion;

        Assert.Equal((JobStatus.Succeeded, "painted"), (final.Status, final.Result));
        Assert.Null(engine.Get(frame.Id));
        Assert.NotNull(engine.Get(kept.Id));
    }

    [Fact]
    public async Task Jobs_run_on_one_named_background_thread_that_is_not_the_callers()
    {
        using var engine = CreateEngine();
        using var first = new GatedJob();
        using var second = new GatedJob();
        first.Release();
        second.Release();

        await engine.Submit(first).Finished();
        await engine.Submit(second).Finished();

        Assert.Same(first.RanOn, second.RanOn);
        Assert.NotSame(Thread.CurrentThread, first.RanOn);
        Assert.True(first.RanOn!.IsBackground);
        Assert.Equal("StyleGallery engine (CPU)", first.RanOn.Name);
    }

    private static int?[] Positions(StyleEngine engine, params JobTicket[] tickets) =>
        tickets.Select(t => engine.Get(t.Id)!.QueuePosition).ToArray();

    private static void InterlockedMax(ref int target, int candidate)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < candidate && Interlocked.CompareExchange(ref target, candidate, seen) != seen) { }
    }
}
