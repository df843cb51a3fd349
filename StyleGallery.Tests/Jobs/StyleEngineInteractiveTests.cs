using System.Collections.Concurrent;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEngineInteractiveTests
{
    [Fact]
    public async Task An_interactive_job_runs_between_two_steps_of_a_running_long_job_on_the_engine_thread()
    {
        using var engine = CreateEngine();
        using var quickDone = new ManualResetEventSlim();
        Thread? longThread = null, quickThread = null;
        JobStatus? longStatusSeenByQuick = null;
        var longStarted = new TaskCompletionSource();
        string? longId = null;
        var stepsAfterQuick = 0;
        var longTicket = engine.Submit(new DelegateJob("long", context =>
        {
            longThread = Thread.CurrentThread;
            longStarted.TrySetResult();
            for (var step = 1; !quickDone.IsSet; step++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                context.Report(step, 0);
            }
            stepsAfterQuick++;
            context.Report(int.MaxValue, 0);
            return "long";
        }));
        longId = longTicket.Id;
        await longStarted.Task.WaitAsync(Guard);

        var quickTicket = engine.Submit(new DelegateJob("quick", _ =>
        {
            quickThread = Thread.CurrentThread;
            longStatusSeenByQuick = engine.Get(longId)!.Status;
            quickDone.Set();
            return "quick";
        }, interactive: true));

        var quick = await quickTicket.Finished();
        var longJob = await longTicket.Finished();
        Assert.Equal(JobStatus.Succeeded, quick.Status);
        Assert.Equal(JobStatus.Succeeded, longJob.Status);
        Assert.Equal(JobStatus.Running, longStatusSeenByQuick);
        Assert.Same(longThread, quickThread);
        Assert.Equal(1, stepsAfterQuick);
        Assert.True(quick.FinishedAt <= longJob.FinishedAt);
    }

    [Fact]
    public async Task A_stream_of_interactive_jobs_never_starves_the_long_job_between_whose_steps_it_runs()
    {
        using var engine = CreateEngine();
        var longFinished = false;
        var quickRuns = 0;
        // Each interactive job queues the next before it ends, so one is always waiting: a stream that never dries up.
        DelegateJob Quick() => new("quick", _ =>
        {
            Interlocked.Increment(ref quickRuns);
            if (!Volatile.Read(ref longFinished)) engine.Submit(Quick());
            return "quick";
        }, interactive: true);
        var started = new TaskCompletionSource();
        using var streamFlows = new ManualResetEventSlim();
        var longTicket = engine.Submit(new DelegateJob("long", context =>
        {
            started.TrySetResult();
            streamFlows.Wait(Guard); // its steps begin with an interactive job waiting
            for (var step = 1; step <= 5; step++) context.Report(step, 5);
            return "long";
        }));
        await started.Task.WaitAsync(Guard);
        engine.Submit(Quick());
        streamFlows.Set();

        var longJob = await longTicket.Finished();
        Volatile.Write(ref longFinished, true);

        Assert.Equal((JobStatus.Succeeded, 5), (longJob.Status, longJob.Progress!.Step));
        Assert.True(quickRuns >= 5, $"{quickRuns} interactive jobs ran: the waiting one between each two steps");
    }

    [Fact]
    public async Task A_long_job_queued_behind_a_stream_of_interactive_jobs_starts_after_a_few_of_them()
    {
        using var engine = CreateEngine();
        using var gate = new ManualResetEventSlim();
        var longStarted = false;
        var quickRuns = 0;
        DelegateJob Quick() => new("quick", _ =>
        {
            gate.Wait(Guard);
            Interlocked.Increment(ref quickRuns);
            if (!Volatile.Read(ref longStarted)) engine.Submit(Quick());
            return "quick";
        }, interactive: true);
        engine.Submit(Quick());
        var longTicket = engine.Submit(new DelegateJob("long", _ =>
        {
            Volatile.Write(ref longStarted, true);
            return "long";
        }));

        gate.Set();
        var longJob = await longTicket.Finished();

        Assert.Equal(JobStatus.Succeeded, longJob.Status);
        Assert.InRange(quickRuns, 1, 12);
    }

    [Fact]
    public async Task Interactive_jobs_go_ahead_of_queued_long_jobs_and_keep_their_own_order()
    {
        using var engine = CreateEngine();
        using var blocker = new GatedJob();
        var order = new ConcurrentQueue<string>();
        DelegateJob Job(string name, bool interactive) => new(name, _ => { order.Enqueue(name); return null; }, interactive);
        engine.Submit(blocker);
        await blocker.WaitUntilStartedAsync();
        var tickets = new[]
        {
            engine.Submit(Job("long a", false)),
            engine.Submit(Job("long b", false)),
            engine.Submit(Job("quick 1", true)),
            engine.Submit(Job("quick 2", true)),
        };

        Assert.Equal(1, engine.Get(tickets[2].Id)!.QueuePosition);
        Assert.Equal(2, engine.Get(tickets[3].Id)!.QueuePosition);
        Assert.Equal(3, engine.Get(tickets[0].Id)!.QueuePosition);
        blocker.Release();
        foreach (var ticket in tickets) await ticket.Finished();

        Assert.Equal(["quick 1", "quick 2", "long a", "long b"], order);
    }
}
