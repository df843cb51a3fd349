using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>Issue 24, point 3: every job kind has a budget of engine time, lower without a cookie (docs/security.md).</summary>
public sealed class JobBudgetsTests
{
    private static readonly JobBudgets Budgets = new(new StyleGalleryWebOptions());

    [Fact]
    public void The_issue_s_hundred_thousand_iterations_at_32_px_are_refused_with_the_limit_named()
    {
        var endless = new GatysOptions { MaxSide = 32, Iterations = 100_000 };

        var anonymous = Assert.Throws<JobBudgetException>(() => Budgets.CheckOptimise(endless, owner: null));
        var browser = Assert.Throws<JobBudgetException>(() => Budgets.CheckOptimise(endless, owner: "eve"));

        Assert.Contains("the limit is 2 minutes per picture without this site's cookie", anonymous.Message);
        Assert.Contains("the limit is 15 minutes per picture.", browser.Message);
    }

    [Fact]
    public void The_studio_s_defaults_fit_every_budget_and_a_browser_may_ask_for_more_than_a_script()
    {
        var longer = new GatysOptions { MaxSide = 1024, Iterations = 2000 };

        Budgets.CheckOptimise(new GatysOptions(), owner: null);
        Budgets.CheckOptimise(longer, owner: "eve");
        Assert.Throws<JobBudgetException>(() => Budgets.CheckOptimise(longer, owner: null));
    }

    [Fact]
    public void Training_presets_fit_and_an_endless_one_does_not()
    {
        Budgets.CheckTrain(TrainingOptions.Quick, photos: 165, owner: null);
        Budgets.CheckTrain(TrainingOptions.Full, photos: 80_000, owner: "eve");

        var refused = Assert.Throws<JobBudgetException>(() => Budgets.CheckTrain(TrainingOptions.Full with { Steps = 1_000_000 }, photos: 165, owner: "eve"));
        Assert.Contains("the limit is 4 hours per training", refused.Message);
    }

    [Fact]
    public void The_longest_clip_fits_a_browser_s_video_budget_but_not_a_script_s()
    {
        Budgets.CheckVideo(1800, 3840, 2160, owner: "eve");

        var refused = Assert.Throws<JobBudgetException>(() => Budgets.CheckVideo(1800, 3840, 2160, owner: null));
        Assert.Contains("the limit is 2 minutes per video without this site's cookie", refused.Message);
    }

    [Fact]
    public void Budgets_are_settings()
    {
        var generous = new JobBudgets(new StyleGalleryWebOptions { JobBudgets = new JobBudgetSettings { AnonymousOptimiseSeconds = 4000 } });

        generous.CheckOptimise(new GatysOptions { MaxSide = 32, Iterations = 100_000 }, owner: null);
    }
}
