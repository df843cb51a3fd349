using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Components.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>A style card's live version: the offer, its progress with Cancel (live, and found again after a reload), and "ready".</summary>
public sealed class LiveVersionActionTests : BunitPage
{
    private static readonly StyleSummary Udnie = new("udnie", "Udnie", "Francis Picabia", "1913", "research", true, "/paintings/udnie");

    private readonly FakeJobNotifications _notifications = new();
    private readonly FakeDistillationLauncher _launcher = new();

    public LiveVersionActionTests()
    {
        Services.AddSingleton<IJobNotifications>(_notifications);
        Services.AddSingleton<IDistillationLauncher>(_launcher);
        Services.AddSingleton(new BrowserOwner { Token = "me" });
    }

    private IRenderedComponent<LiveVersionAction> Card(StyleSummary style, Action<string>? onReady = null) =>
        Render<LiveVersionAction>(p =>
        {
            p.Add(c => c.Style, style);
            if (onReady is not null) p.Add(c => c.OnReady, onReady);
        });

    private static JobUpdate Update(JobStatus status, int step, double? remaining = null, string? error = null) =>
        new("job9", JobKind.Distill, status, null, step, 2000, step * 1.8, new StepLosses(20, 20, 0, 0), 2.2, remaining, 0, error);

    [Fact]
    public void A_fast_style_without_a_live_version_offers_one_with_its_duration_and_a_click_starts_it()
    {
        var card = Card(Udnie);
        var offer = card.Find("[data-testid=make-live]");
        Assert.Equal("Make a live version", offer.TextContent.Trim());
        Assert.StartsWith("Make a live version of Udnie (about 1 hour)", offer.GetAttribute("aria-label"));

        _notifications.Now = Update(JobStatus.Queued, 0);
        offer.Click();

        var started = Assert.Single(_launcher.Started);
        Assert.Equal(("udnie", _launcher.Options, "me"), started);
        card.WaitForAssertion(() => Assert.Contains("waiting for the engine", card.Find("[data-testid=live-progress]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=make-live]"));
    }

    [Fact]
    public void Progress_shows_the_percentage_and_time_left_live_and_cancel_stops_it()
    {
        var card = Card(Udnie);
        _notifications.Now = Update(JobStatus.Queued, 0);
        card.Find("[data-testid=make-live]").Click();

        _notifications.Push(Update(JobStatus.Running, 840, remaining: 1950));

        card.WaitForAssertion(() => Assert.Contains("Live version: 42 %", card.Find("[data-testid=live-progress]").TextContent));
        Assert.Contains("about 32 min 30 s left", card.Find("[data-testid=live-eta]").TextContent);
        card.Find("[data-testid=live-cancel]").Click();
        Assert.Equal(["job9"], _launcher.Cancelled);

        _notifications.Push(Update(JobStatus.Cancelled, 841));
        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("[data-testid=make-live]")));
        Assert.Empty(card.FindAll("[data-testid=live-progress]"));
    }

    [Fact]
    public void After_a_reload_the_card_finds_its_running_job_again()
    {
        _launcher.Latest["udnie"] = new LaunchedTraining("job9", "udnie-lite", "Udnie (lite)", "udnie", "me");
        _notifications.Now = Update(JobStatus.Running, 500);

        var card = Card(Udnie);

        Assert.Contains("Live version: 25 %", card.Find("[data-testid=live-progress]").TextContent);
        Assert.NotEmpty(card.FindAll("[data-testid=live-cancel]"));
        Assert.Empty(card.FindAll("[data-testid=make-live]"));
    }

    [Fact]
    public void Another_browser_sees_the_progress_without_a_cancel_button()
    {
        _launcher.Latest["udnie"] = new LaunchedTraining("job9", "udnie-lite", "Udnie (lite)", "udnie", "someone else");
        _notifications.Now = Update(JobStatus.Running, 500);

        var card = Card(Udnie);

        Assert.NotEmpty(card.FindAll("[data-testid=live-progress]"));
        Assert.Empty(card.FindAll("[data-testid=live-cancel]"));
    }

    [Fact]
    public void A_style_with_a_live_version_links_to_the_live_page_with_it()
    {
        var card = Card(Udnie with { LiteVersionId = "udnie-lite" });

        Assert.Equal("/live?style=udnie-lite", card.Find("[data-testid=live-ready]").GetAttribute("href"));
        Assert.Contains("Live version ready", card.Find("[data-testid=live-ready]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=make-live]"));
    }

    [Fact]
    public void A_live_version_finished_while_the_page_is_open_is_ready_and_the_page_hears_of_it()
    {
        var ready = new List<string>();
        var card = Card(Udnie, ready.Add);
        _notifications.Now = Update(JobStatus.Running, 10);
        card.Find("[data-testid=make-live]").Click();

        _notifications.Push(Update(JobStatus.Succeeded, 2000));

        card.WaitForAssertion(() => Assert.Equal("/live?style=udnie-lite", card.Find("[data-testid=live-ready]").GetAttribute("href")));
        Assert.Equal(["udnie-lite"], ready);
    }

    [Fact]
    public void A_failure_says_why_and_offers_it_again()
    {
        var card = Card(Udnie);
        _notifications.Now = Update(JobStatus.Running, 10);
        card.Find("[data-testid=make-live]").Click();

        _notifications.Push(Update(JobStatus.Failed, 11, error: "The pixel loss became NaN at step 11"));

        card.WaitForAssertion(() => Assert.Contains("NaN at step 11", card.Find("[data-testid=live-error]").TextContent));
        Assert.NotEmpty(card.FindAll("[data-testid=make-live]"));
    }

    [Fact]
    public void A_refused_start_shows_the_message()
    {
        _launcher.Failure = new OwnerLimitException(1, "live version", "being made");
        var card = Card(Udnie);

        card.Find("[data-testid=make-live]").Click();

        Assert.Contains("You already have 1 live version being made", card.Find("[data-testid=live-error]").TextContent);
    }

    [Fact]
    public void When_it_cannot_have_one_here_the_button_is_off_and_says_why()
    {
        _launcher.Unavailable = "A live version learns from a folder of photos, and none is configured here.";

        var card = Card(Udnie);

        Assert.Contains("none is configured here", card.Find("[data-testid=make-live-unavailable]").GetAttribute("title"));
        Assert.True(card.Find("[data-testid=make-live-unavailable] button").HasAttribute("disabled"));
    }

    [Fact]
    public void A_live_version_s_own_card_and_a_painting_only_style_offer_nothing()
    {
        Assert.Equal("", Card(Udnie with { Id = "udnie-lite", TeacherId = "udnie" }).Markup.Trim());
        Assert.Equal("", Card(Udnie with { Id = "starry", HasFastNetwork = false }).Markup.Trim());
    }
}
