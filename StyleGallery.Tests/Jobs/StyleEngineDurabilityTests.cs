using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

/// <summary>The engine keeps a durable job's row in step: attempts before the run, the end after, checkpoints between.</summary>
public sealed class StyleEngineDurabilityTests
{
    private readonly InMemoryJobStore _store = new();

    private StyleEngine Engine() => new(TorchRuntime.Detect(), store: _store);

    private async Task<string> AddRowAsync()
    {
        var id = JobIds.New();
        await _store.AddAsync(new StoredJob(id, "gated", JobStatus.Queued, [1, 2, 3], 0, DateTimeOffset.UtcNow));
        return id;
    }

    [Fact]
    public async Task A_run_is_counted_before_it_starts_and_its_end_is_written()
    {
        using var engine = Engine();
        using var job = new GatedJob();
        var id = await AddRowAsync();

        var ticket = engine.Submit(job, id, durable: true);
        await job.WaitUntilStartedAsync();
        Assert.Equal((JobStatus.Running, 1), (_store[id]!.Job.Status, _store[id]!.Job.Attempts));
        job.Release();
        var done = await ticket.Finished();

        Assert.Equal(1, done.Attempt);
        Assert.Equal(JobStatus.Succeeded, _store[id]!.Job.Status);
    }

    [Fact]
    public async Task Shutting_down_leaves_the_running_and_the_queued_jobs_to_run_again_without_counting_a_crash()
    {
        var engine = Engine();
        using var running = new GatedJob();
        var runningId = await AddRowAsync();
        var queuedId = await AddRowAsync();
        engine.Submit(running, runningId, durable: true);
        engine.Submit(DelegateJob.Returning("never"), queuedId, durable: true);
        await running.WaitUntilStartedAsync();

        engine.Dispose();

        Assert.True(running.SawCancellation);
        Assert.Equal((JobStatus.Queued, 0), (_store[runningId]!.Job.Status, _store[runningId]!.Job.Attempts));
        Assert.Equal((JobStatus.Queued, 0), (_store[queuedId]!.Job.Status, _store[queuedId]!.Job.Attempts));
    }

    [Fact]
    public async Task A_cancelled_or_failed_job_ends_so_in_the_store()
    {
        using var engine = Engine();
        using var gate = new GatedJob();
        var running = await AddRowAsync();
        var queued = await AddRowAsync();
        var failing = await AddRowAsync();
        var first = engine.Submit(gate, running, durable: true);
        engine.Submit(DelegateJob.Returning("x"), queued, durable: true);
        var last = engine.Submit(new DelegateJob("fails", _ => throw new InvalidOperationException("broken")), failing, durable: true);
        await gate.WaitUntilStartedAsync();

        Assert.True(engine.Cancel(queued));
        Assert.True(engine.Cancel(running));
        await first.Finished();
        await last.Finished();

        Assert.Equal(JobStatus.Cancelled, _store[running]!.Job.Status);
        Assert.Equal(JobStatus.Cancelled, _store[queued]!.Job.Status);
        Assert.Equal((JobStatus.Failed, "broken"), (_store[failing]!.Job.Status, _store[failing]!.Job.Error));
    }

    [Fact]
    public async Task A_checkpoint_saved_by_one_run_is_what_the_next_run_resumes_from()
    {
        var id = await AddRowAsync();
        JobCheckpoint? seenBySecondRun = null;
        InMemoryJobStore.Row? whileRunning = null;
        using (var engine = Engine())
        {
            var saving = new DelegateJob("saves", c =>
            {
                Assert.Null(c.ResumeFrom);
                Assert.True(c.CanCheckpoint);
                c.SaveCheckpoint(new JobCheckpoint(7, [42]));
                whileRunning = _store[id];
                return null;
            });
            await engine.Submit(saving, id, durable: true).Finished();
        }
        // What a crash right after the checkpoint would have left.
        _store.Put(whileRunning!.Job, whileRunning.Checkpoint);

        using (var engine = Engine())
        {
            var resuming = new DelegateJob("resumes", c => seenBySecondRun = c.ResumeFrom);
            await engine.Submit(resuming, id, durable: true, resumed: true).Finished();
        }

        Assert.Equal(7, seenBySecondRun!.Step);
        Assert.Equal([42], seenBySecondRun.Data);
        Assert.Null(_store[id]!.Checkpoint); // a finished row drops its checkpoint
    }

    [Fact]
    public async Task A_job_that_lives_only_in_memory_cannot_checkpoint_and_has_no_row()
    {
        using var engine = Engine();
        bool? canCheckpoint = null;
        await engine.Submit(new DelegateJob("memory", c => canCheckpoint = c.CanCheckpoint)).Finished();

        Assert.False(canCheckpoint);
        Assert.Empty(_store.Rows);
    }

    [Fact]
    public async Task Resumed_jobs_are_queued_even_when_the_queue_is_full()
    {
        using var engine = new StyleEngine(TorchRuntime.Detect(), new EngineOptions { QueueCapacity = 1 }, store: _store);
        using var gate = new GatedJob();
        engine.Submit(gate);
        await gate.WaitUntilStartedAsync();
        engine.Submit(DelegateJob.Returning("fills the queue"));
        Assert.Throws<QueueFullException>(() => engine.Submit(DelegateJob.Returning("refused")));

        var resumed = engine.Submit(DelegateJob.Returning("resumed"), await AddRowAsync(), durable: true, resumed: true);
        gate.Release();

        Assert.Equal(JobStatus.Succeeded, (await resumed.Finished()).Status);
    }
}
