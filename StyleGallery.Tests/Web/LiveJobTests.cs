using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Components.Studio;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web;

public sealed class LiveJobTests : BunitPage
{
    private readonly FakeJobNotifications _notifications = new();
    private readonly FakeStudio _studio = new();

    public LiveJobTests()
    {
        Services.AddSingleton<IJobNotifications>(_notifications);
        Services.AddSingleton<IStudioJobs>(_studio);
        Services.AddSingleton(new BrowserOwner { Token = Me });
    }

    private const string Me = "me-owner-token-0000000";

    [Fact]
    public void Each_update_shows_the_newest_preview_the_counter_and_the_eta()
    {
        _notifications.Now = Update(JobStatus.Running, step: 0, previewVersion: 0);
        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));

        _notifications.Push(Update(JobStatus.Running, step: 5, previewVersion: 2, elapsed: 10));

        view.WaitForAssertion(() => Assert.Equal("/jobs/job1/preview.png?v=2", view.Find("[data-testid=preview]").GetAttribute("src")));
        Assert.Equal("5", view.Find("[data-testid=step]").TextContent);
        Assert.Contains("10 s left", view.Find("[data-testid=eta]").TextContent);
    }

    [Fact]
    public void Only_the_finished_picture_is_offered_as_webp_the_running_previews_stay_png()
    {
        _notifications.Now = Update(JobStatus.Running, step: 5, previewVersion: 2);
        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));
        Assert.Empty(view.FindAll("picture source"));

        _notifications.Push(Update(JobStatus.Succeeded, step: 10, previewVersion: 3));

        view.WaitForAssertion(() => Assert.Equal("/jobs/job1/preview.webp?v=3-final", view.Find("picture source[type='image/webp']").GetAttribute("srcset")));
        Assert.Equal("/jobs/job1/preview.png?v=3-final", view.Find("picture [data-testid=preview]").GetAttribute("src"));
    }

    [Theory]
    [InlineData(1, "Waiting — 1 job ahead of yours")]
    [InlineData(2, "Waiting — 2 jobs ahead of yours")]
    public void A_waiting_job_says_how_many_jobs_are_ahead(int queuePosition, string expected)
    {
        _notifications.Now = Update(JobStatus.Queued, step: 0, previewVersion: 0) with { QueuePosition = queuePosition };

        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));

        Assert.Equal(expected, view.Find("[data-testid=queue-position]").TextContent.Trim());
    }

    [Fact]
    public void A_running_job_shows_no_queue_position()
    {
        _notifications.Now = Update(JobStatus.Running, step: 2, previewVersion: 1);

        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));

        Assert.Empty(view.FindAll("[data-testid=queue-position]"));
    }

    [Fact]
    public void Cancel_asks_the_studio_to_stop_that_job_on_behalf_of_this_browser()
    {
        _notifications.Now = Update(JobStatus.Running, step: 3, previewVersion: 1);
        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1").Add(c => c.CanCancel, true));

        view.Find("[data-testid=cancel] ").Click();

        Assert.Equal([("job1", Me)], _studio.Cancelled);
    }

    [Fact]
    public void A_visitor_who_does_not_own_the_job_gets_no_cancel_button()
    {
        _notifications.Now = Update(JobStatus.Running, step: 3, previewVersion: 1);

        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));

        Assert.Empty(view.FindAll("[data-testid=cancel]"));
        Assert.Equal("3", view.Find("[data-testid=step]").TextContent);
    }

    [Fact]
    public void Disposing_the_view_unsubscribes()
    {
        _notifications.Now = Update(JobStatus.Queued, step: 0, previewVersion: 0);
        var view = Render<LiveJob>(p => p.Add(c => c.JobId, "job1"));
        Assert.Equal(1, _notifications.Subscribers);

        view.Instance.Dispose();

        Assert.Equal(0, _notifications.Subscribers);
    }

    private static JobUpdate Update(JobStatus status, int step, int previewVersion, double elapsed = 1) =>
        new("job1", JobKind.Optimise, status, null, step, 10, elapsed, new StepLosses(100.0 / (step + 1), 1, 2, 0), null, null, previewVersion, null);

    private sealed class FakeStudio : IStudioJobs
    {
        public List<(string JobId, string? Owner)> Cancelled { get; } = [];

        public Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken) => Task.FromResult("job1");

        public Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default)
        {
            Cancelled.Add((jobId, owner));
            return Task.FromResult(true);
        }

        public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
