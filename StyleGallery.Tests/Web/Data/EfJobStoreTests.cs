using StyleGallery.Data;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Data;

/// <summary>The engine's job store over a real database, on every provider: the rows a restart reads.</summary>
public sealed class EfJobStoreTests
{
    private static StoredJob NewJob(DateTimeOffset created, string kind = "gatys") =>
        new(JobIds.New(), kind, JobStatus.Queued, [1, 2, 3, 250], 0, created);

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Only_a_queued_row_is_cancelled_before_it_runs_and_counted_while_it_waits(string provider)
    {
        using var data = new TestDataFolder(provider);
        var store = new EfJobStore(data.Databases);
        var (waiting, running, other) = (NewJob(DateTimeOffset.UtcNow), NewJob(DateTimeOffset.UtcNow), NewJob(DateTimeOffset.UtcNow));
        foreach (var job in new[] { waiting, running, other }) await store.AddAsync(job);
        await store.MarkRunningAsync(running.Id);
        var queuedBefore = await store.CountQueuedAsync();

        var cancelledWaiting = await store.CancelQueuedAsync(waiting.Id);
        var cancelledRunning = await store.CancelQueuedAsync(running.Id);
        var cancelledUnknown = await store.CancelQueuedAsync(JobIds.New());
        var attemptAfterCancel = await store.MarkRunningAsync(waiting.Id).ContinueWith(t => t.IsFaulted ? -1 : t.Result);

        Assert.Equal((2, true, false, false), (queuedBefore, cancelledWaiting, cancelledRunning, cancelledUnknown));
        Assert.Equal(1, await store.CountQueuedAsync());
        var found = await store.FindAsync(waiting.Id);
        Assert.Equal(JobStatus.Cancelled, found!.Status);
        Assert.NotNull(found.FinishedAt);
        Assert.Equal(0, attemptAfterCancel); // a cancelled row is final: a process that took it anyway does not reopen it
        Assert.Equal(JobStatus.Running, (await store.FindAsync(running.Id))!.Status);
        Assert.Null(await store.FindAsync(JobIds.New()));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_row_goes_queued_running_finished_counting_its_attempts(string provider)
    {
        using var data = new TestDataFolder(provider);
        var store = new EfJobStore(data.Databases);
        var job = NewJob(DateTimeOffset.UtcNow);
        await store.AddAsync(job);

        var first = await store.MarkRunningAsync(job.Id);
        var second = await store.MarkRunningAsync(job.Id);
        var unfinished = Assert.Single(await store.UnfinishedAsync());
        await store.FinishAsync(job.Id, JobStatus.Failed, "it broke");

        Assert.Equal((1, 2), (first, second));
        Assert.Equal((job.Id, "gatys", JobStatus.Running, 2), (unfinished.Id, unfinished.Kind, unfinished.Status, unfinished.Attempts));
        Assert.Equal(job.Request, unfinished.Request);
        Assert.Empty(await store.UnfinishedAsync());
        await using var db = await data.Databases.CreateDbContextAsync();
        var row = db.Jobs.Single(j => j.Id == job.Id);
        Assert.Equal((JobStatus.Failed, "it broke"), (row.Status, row.Error));
        Assert.NotNull(row.FinishedAt);
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Unfinished_rows_come_oldest_first_and_finished_ones_never_reopen(string provider)
    {
        using var data = new TestDataFolder(provider);
        var store = new EfJobStore(data.Databases);
        var now = DateTimeOffset.UtcNow;
        var newest = NewJob(now);
        var oldest = NewJob(now.AddMinutes(-10), "video");
        var middle = NewJob(now.AddMinutes(-5), "train");
        var done = NewJob(now.AddMinutes(-20));
        foreach (var job in new[] { newest, oldest, middle, done }) await store.AddAsync(job);
        await store.FinishAsync(done.Id, JobStatus.Succeeded, null);

        await store.MarkRunningAsync(done.Id);
        await store.SaveCheckpointAsync(done.Id, new JobCheckpoint(3, [9]));
        await store.FinishAsync(done.Id, JobStatus.Cancelled, null);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], (await store.UnfinishedAsync()).Select(j => j.Id));
        await using var db = await data.Databases.CreateDbContextAsync();
        var row = db.Jobs.Single(j => j.Id == done.Id);
        Assert.Equal((JobStatus.Succeeded, 0), (row.Status, row.Attempts));
        Assert.Null(await store.CheckpointAsync(done.Id));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task The_latest_checkpoint_is_kept_until_the_job_ends(string provider)
    {
        using var data = new TestDataFolder(provider);
        var store = new EfJobStore(data.Databases);
        var job = NewJob(DateTimeOffset.UtcNow);
        await store.AddAsync(job);
        await store.MarkRunningAsync(job.Id);
        var picture = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();

        Assert.Null(await store.CheckpointAsync(job.Id));
        await store.SaveCheckpointAsync(job.Id, new JobCheckpoint(5, [1]));
        await store.SaveCheckpointAsync(job.Id, new JobCheckpoint(10, picture));
        var latest = await store.CheckpointAsync(job.Id);
        await store.FinishAsync(job.Id, JobStatus.Succeeded, null);

        Assert.Equal(10, latest!.Step);
        Assert.Equal(picture, latest.Data);
        Assert.Null(await store.CheckpointAsync(job.Id));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_requeued_row_does_not_count_the_stopped_run_and_a_deleted_row_is_gone(string provider)
    {
        using var data = new TestDataFolder(provider);
        var store = new EfJobStore(data.Databases);
        var kept = NewJob(DateTimeOffset.UtcNow);
        var refused = NewJob(DateTimeOffset.UtcNow);
        await store.AddAsync(kept);
        await store.AddAsync(refused);

        await store.MarkRunningAsync(kept.Id);
        await store.RequeueAsync(kept.Id);
        await store.DeleteAsync(refused.Id);

        var row = Assert.Single(await store.UnfinishedAsync());
        Assert.Equal((kept.Id, JobStatus.Queued, 0), (row.Id, row.Status, row.Attempts));
    }
}
