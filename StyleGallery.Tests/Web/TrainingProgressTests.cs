using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Components.Training;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

public sealed class TrainingProgressTests : BunitPage
{
    private readonly FakeJobNotifications _notifications = new();
    private readonly FakeTrainingLauncher _launcher = new();

    public TrainingProgressTests()
    {
        Services.AddSingleton<IJobNotifications>(_notifications);
        Services.AddSingleton<ITrainingLauncher>(_launcher);
        Services.AddSingleton(new BrowserOwner { Token = "me" });
    }

    [Fact]
    public void An_update_shows_step_losses_speed_eta_and_the_newest_preview()
    {
        _notifications.Now = Update(JobStatus.Running, step: 0, previewVersion: 0);
        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "job7").Add(c => c.StyleId, "my-udnie"));
        Assert.Empty(view.FindAll("[data-testid=preview]"));

        _notifications.Push(Update(JobStatus.Running, step: 200, previewVersion: 1) with
        {
            Losses = new StepLosses(123456, 23456, 100000, 12),
            Rate = 3.25,
            RemainingSeconds = 1950,
        });

        view.WaitForAssertion(() => Assert.Equal("/jobs/job7/preview.png?v=1", view.Find("[data-testid=preview]").GetAttribute("src")));
        Assert.Equal(("200", "1500"), (view.Find("[data-testid=step]").TextContent, view.Find("[data-testid=total]").TextContent));
        Assert.Contains("1.23E+05", view.Find("[data-testid=losses]").TextContent);
        Assert.Contains("style 1E+05", view.Find("[data-testid=losses]").TextContent);
        Assert.Contains("3.25 images/s", view.Find("[data-testid=speed]").TextContent);
        Assert.Contains("32 min 30 s left", view.Find("[data-testid=eta]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=done]"));
    }

    [Fact]
    public void Cancel_stops_that_training()
    {
        _launcher.Launched["job7"] = new LaunchedTraining("job7", "my-udnie", "My Udnie", "udnie", Owner: "me");
        _notifications.Now = Update(JobStatus.Running, step: 3, previewVersion: 0);
        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "job7"));

        view.Find("[data-testid=cancel]").Click();

        Assert.Equal(["job7"], _launcher.Cancelled);
    }

    [Fact]
    public void Another_browser_watching_the_training_gets_no_cancel_button()
    {
        _launcher.Launched["job7"] = new LaunchedTraining("job7", "my-udnie", "My Udnie", "udnie", Owner: "someone else");
        _notifications.Now = Update(JobStatus.Running, step: 3, previewVersion: 0);

        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "job7"));

        Assert.Empty(view.FindAll("[data-testid=cancel]"));
    }

    [Fact]
    public void Success_links_to_the_gallery_and_the_studio_with_the_new_style()
    {
        _notifications.Now = Update(JobStatus.Succeeded, step: 1500, previewVersion: 8) with { Losses = new StepLosses(5, 1, 1, 1) };
        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "job7").Add(c => c.StyleId, "my-udnie"));

        Assert.Equal("/studio?style=my-udnie", view.Find("[data-testid=studio-link]").GetAttribute("href"));
        Assert.Empty(view.FindAll("[data-testid=cancel]"));
        Assert.Empty(view.FindAll("[data-testid=eta]"));
    }

    [Fact]
    public void A_failure_shows_the_engines_message()
    {
        _notifications.Now = Update(JobStatus.Failed, step: 40, previewVersion: 0) with { Error = "The loss exploded at step 40." };
        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "job7"));

        Assert.Contains("The loss exploded at step 40.", view.Find("[data-testid=error]").TextContent);
    }

    [Fact]
    public void An_unknown_job_says_so()
    {
        var view = Render<TrainingProgress>(p => p.Add(c => c.JobId, "gone"));

        Assert.Contains("This training is unknown", view.Markup);
    }

    private static JobUpdate Update(JobStatus status, int step, int previewVersion) =>
        new("job7", JobKind.Train, status, null, step, 1500, step * 1.3, null, null, null, previewVersion, null);
}
