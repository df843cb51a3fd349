using System.Collections.Concurrent;

using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Durability;

/// <summary>
/// The app killed with SIGKILL and started again on the same data: nothing a person asked for is lost, a running
/// optimisation goes on from its checkpoint, and a job that keeps killing the process is failed so the rest can run.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ProcessCrashTests
{
    [Fact]
    public async Task After_a_kill_the_running_optimisation_resumes_and_the_queued_ones_run_none_reported_failed()
    {
        await using var app = new CrashingApp();
        await app.StartAsync();
        var statuses = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        void Seen(string id, JobView view) => statuses.GetOrAdd(id, _ => []).Add(view.Status);

        var running = await app.SubmitAsync(iterations: 200);
        var waiting = new[] { await app.SubmitAsync(iterations: 8), await app.SubmitAsync(iterations: 8) };
        var beforeKill = await app.WaitAsync(running, v => v.Status == "Running" && v.Step >= 15, v => Seen(running, v));
        foreach (var id in waiting) Seen(id, await app.GetAsync(id));
        await app.KillAsync();

        await app.StartAsync();
        var firstAfter = await app.WaitAsync(running, v => v.Status != "Queued" && v.Step > 0, v => Seen(running, v));
        var finished = await app.WaitAsync(running, v => v.Status == "Succeeded", v => Seen(running, v));
        foreach (var id in waiting) await app.WaitAsync(id, v => v.Status == "Succeeded", v => Seen(id, v));

        Assert.True(beforeKill.Step >= 15);
        // Checkpoints every 5 iterations: the run went on from the last one before the kill, not from 0.
        Assert.NotNull(finished.ResumedFrom);
        Assert.InRange(finished.ResumedFrom!.Value, 10, beforeKill.Step + 5);
        Assert.True(firstAfter.Step > finished.ResumedFrom, $"first step after the restart {firstAfter.Step}, resumed from {finished.ResumedFrom}");
        Assert.Equal(2, finished.Attempt);
        Assert.Equal(200, finished.Step);
        foreach (var id in waiting)
        {
            Assert.Contains("Queued", statuses[id]);
            Assert.DoesNotContain("Failed", statuses[id]);
        }
        Assert.DoesNotContain("Failed", statuses[running]);
        foreach (var id in waiting.Prepend(running)) Assert.Single(app.ResultFiles(id));
    }

    [Fact]
    public async Task A_job_running_at_each_of_three_kills_is_failed_with_the_reason_and_the_job_behind_it_runs()
    {
        await using var app = new CrashingApp();
        await app.StartAsync();
        var poison = await app.SubmitAsync(iterations: 100_000);
        var behind = await app.SubmitAsync(iterations: 8);

        for (var kill = 1; kill <= 3; kill++)
        {
            await app.WaitAsync(poison, v => v.Status == "Running" && v.Attempt == kill);
            await app.KillAsync();
            await app.StartAsync();
        }
        var failed = await app.WaitAsync(poison, v => v.Status != "Queued" && v.Status != "Running");
        var after = await app.WaitAsync(behind, v => v.Status == "Succeeded");

        Assert.Equal("Failed", failed.Status);
        Assert.Contains("stopped 3 times while it ran", failed.Error);
        Assert.Equal("Succeeded", after.Status);
    }
}

/// <summary>Each crash test starts its own app process; one at a time keeps the 2-core machine's timings sane.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}
