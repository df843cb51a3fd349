using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

/// <summary>The engine's job state as pages and scripts see it: flattened, with an ETA, and never stepping back.</summary>
public sealed class JobUpdateTests
{
    [Fact]
    public void A_state_is_flattened_with_its_losses_rate_and_time_left_in_seconds()
    {
        var progress = new JobProgress(5, 20, TimeSpan.FromSeconds(10), new StepLosses(9, 1, 2, 3), Rate: 4, Remaining: TimeSpan.FromSeconds(30));
        var state = new JobState("job", JobKind.Train, JobStatus.Running, null, progress, PreviewVersion: 2, Attempt: 2, ResumedFrom: 4, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

        var update = JobUpdate.From(state);

        Assert.Equal((JobKind.Train, JobStatus.Running, 5, 20, 10.0), (update.Kind, update.Status, update.Step, update.TotalSteps, update.ElapsedSeconds));
        Assert.Equal((new StepLosses(9, 1, 2, 3), 4.0, 30.0), (update.Losses, update.Rate, update.RemainingSeconds));
        Assert.Equal((2, 2, 4), (update.PreviewVersion, update.Attempt, update.ResumedFrom));
        Assert.Equal("/jobs/job/preview.png?v=2", update.PreviewUrl);
    }

    [Fact]
    public void What_the_job_says_it_is_doing_reaches_the_page_and_scripts()
    {
        var progress = new JobProgress(5, 21, TimeSpan.FromSeconds(10), Message: "Painting tile 3 of 16");
        var state = new JobState("job", JobKind.Print, JobStatus.Running, null, progress, 0, 1, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

        var update = JobUpdate.From(state);

        Assert.Equal((JobKind.Print, "Painting tile 3 of 16"), (update.Kind, update.Message));
        Assert.Contains("\"message\":\"Painting tile 3 of 16\"", System.Text.Json.JsonSerializer.Serialize(update, System.Text.Json.JsonSerializerOptions.Web));
        Assert.Null(JobUpdate.From(state with { Progress = null }).Message);
    }

    [Fact]
    public void The_eta_is_the_jobs_own_estimate_else_the_pace_so_far_and_none_once_finished()
    {
        var running = Update(JobStatus.Running, step: 5) with { ElapsedSeconds = 10 };

        Assert.Equal(10, running.EtaSeconds); // 2 s a step, 5 steps left
        Assert.Equal(30, (running with { RemainingSeconds = 30 }).EtaSeconds);
        Assert.Null((running with { Status = JobStatus.Succeeded }).EtaSeconds);
        Assert.Null(Update(JobStatus.Running, step: 0).EtaSeconds);
    }

    [Fact]
    public void A_page_takes_newer_updates_and_never_steps_back()
    {
        var shown = Update(JobStatus.Running, step: 5, previewVersion: 2);

        Assert.True(Update(JobStatus.Running, step: 6, previewVersion: 2).Supersedes(shown));
        Assert.True(Update(JobStatus.Succeeded, step: 10, previewVersion: 3).Supersedes(shown));
        Assert.True(shown.Supersedes(null));
        Assert.False(Update(JobStatus.Running, step: 4, previewVersion: 2).Supersedes(shown));
        Assert.False(Update(JobStatus.Queued, step: 0).Supersedes(shown));
        Assert.False(shown.Supersedes(Update(JobStatus.Cancelled, step: 5, previewVersion: 2)));
    }

    private static JobUpdate Update(JobStatus status, int step, int previewVersion = 0) =>
        new("job", JobKind.Optimise, status, null, step, 10, step, null, null, null, previewVersion, null);
}
