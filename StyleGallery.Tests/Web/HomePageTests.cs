using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Fast;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Components.Studio;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web;

public sealed class HomePageTests : BunitPage
{
    private readonly FakeQuickStyle _quickStyle = new();
    private readonly FakeStudio _studio = new();

    public HomePageTests()
    {
        Services.AddSingleton<IStyleLibrary>(new FakeLibrary(
            new StyleSummary("udnie", "Udnie", "Francis Picabia", "1913", "Research use only", true, null),
            new StyleSummary("wave", "The Great Wave off Kanagawa", "Katsushika Hokusai", "c. 1831", "Research use only", true, null),
            new StyleSummary("painting.starry_night", "The Starry Night", "Vincent van Gogh", "1889", "Public domain", false, null)));
        Services.AddSingleton<IQuickStyleService>(_quickStyle);
        Services.AddSingleton<IStudioJobs>(_studio);
        Services.AddSingleton<StyleGallery.Web.Services.Training.ITrainingLauncher>(new FakeTrainingLauncher());
        Services.AddSingleton<StyleGallery.Web.Services.Training.IDistillationLauncher>(new FakeDistillationLauncher());
        Services.AddSingleton<IJobNotifications>(new FakeJobNotifications());
        Services.AddSingleton(new BrowserOwner());
        Services.AddSingleton(new StyleGalleryWebOptions());
    }

    [Fact]
    public void The_photo_box_refuses_a_photo_over_the_app_s_configured_upload_limit()
    {
        Services.AddSingleton(new StyleGalleryWebOptions { MaxUploadBytes = 1024 * 1024 });
        var page = Render<Home>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[2 * 1024 * 1024], "big.jpg", contentType: "image/jpeg"));

        Assert.Contains("“big.jpg” is 2 MB; the limit is 1 MB.", page.Find("[role=alert]").TextContent);
        page.FindAll(".style-pick")[1].Click();
        Assert.Empty(_quickStyle.Calls);
    }

    [Fact]
    public void Lists_every_installed_style()
    {
        var page = Render<Home>();

        Assert.Equal(3, page.FindAll(".style-card").Count);
        Assert.Contains("The Great Wave off Kanagawa", page.Markup);
    }

    [Fact]
    public void Only_the_first_card_loads_its_painting_with_the_page() // issue 25
    {
        var styles = Enumerable.Range(1, 7)
            .Select(i => new StyleSummary($"style-{i}", $"Painting {i}", null, null, "Public domain", false, $"/paintings/style-{i}")).ToArray();
        Services.AddSingleton<IStyleLibrary>(new FakeLibrary(styles));

        var page = Render<Home>();

        var loading = page.FindAll(".style-card picture img").Select(img => img.GetAttribute("loading")).ToList();
        Assert.Equal([null, "lazy", "lazy", "lazy", "lazy", "lazy", "lazy"], loading);
        Assert.Equal(Home.EagerCards, loading.Count(l => l is null));
        var priorities = page.FindAll(".style-card picture img").Select(img => img.GetAttribute("fetchpriority")).ToList();
        Assert.Equal(["high", null, null, null, null, null, null], priorities); // the first card is the page's largest paint on a phone
    }

    [Fact]
    public void A_large_gallery_is_shown_a_page_at_a_time() // issue 24, point 9
    {
        var many = Enumerable.Range(1, Home.PageSize + 6)
            .Select(i => new StyleSummary($"user-{i:D16}", $"Painting {i}", null, null, UserStyleService.Licence, false, null)).ToArray();
        Services.AddSingleton<IStyleLibrary>(new FakeLibrary(many));
        var page = Render<Home>();

        Assert.Equal(Home.PageSize, page.FindAll(".style-card").Count);
        page.Find("[data-testid=more-styles]").Click();

        Assert.Equal(Home.PageSize + 6, page.FindAll(".style-card").Count);
        Assert.Empty(page.FindAll("[data-testid=more-styles]"));
    }

    [Fact]
    public void Clicking_a_style_before_choosing_a_photo_asks_for_one()
    {
        var page = Render<Home>();

        page.FindAll(".style-pick")[0].Click();

        Assert.Contains("Choose a photo first.", page.Find("[data-testid=stylize-error]").TextContent);
        Assert.Empty(_quickStyle.Calls);
    }

    [Fact]
    public void With_a_photo_one_click_shows_the_stylised_picture()
    {
        var page = Render<Home>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));

        page.FindAll(".style-pick")[1].Click();

        page.WaitForElement("[data-testid=result] img");
        Assert.Equal(("wave", 3), (_quickStyle.Calls.Single().Style, _quickStyle.Calls.Single().Bytes));
        Assert.Equal("/results/abc.png", page.Find("[data-testid=result] img").GetAttribute("src"));
        Assert.Contains("The Great Wave off Kanagawa", page.Find("[data-testid=result] img").GetAttribute("alt"));
        Assert.Equal("/r/abc", page.Find("[data-testid=result-page]").GetAttribute("href"));
    }

    [Fact]
    public void Changing_the_strength_repaints_the_picture_on_screen_with_the_same_style()
    {
        var page = Render<Home>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));
        page.FindAll(".style-pick")[1].Click();
        page.WaitForElement("[data-testid=result] img");

        page.Find("[data-testid=fast-look] input[type=range]").Change("60");

        page.WaitForAssertion(() => Assert.Equal(2, _quickStyle.Calls.Count));
        Assert.Equal(["wave", "wave"], _quickStyle.Calls.Select(c => c.Style));
        Assert.Equal([1.0, 0.6], _quickStyle.Looks.Select(l => l.Strength));
        Assert.Contains("60 %", page.Find("[data-testid=style-strength-value]").TextContent);
    }

    [Fact]
    public void Without_a_picture_the_look_applies_to_the_next_click()
    {
        var page = Render<Home>();

        page.Find("[data-testid=fast-look] input[type=checkbox]").Change(true);
        page.Find("[data-testid=fast-look] input[type=range]").Change("35");
        Assert.Empty(_quickStyle.Calls);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));
        page.FindAll(".style-pick")[0].Click();

        page.WaitForElement("[data-testid=result] img");
        var look = Assert.Single(_quickStyle.Looks);
        Assert.Equal((true, 0.35), (look.PreserveColors, look.Strength));
    }

    [Fact]
    public void With_a_photo_a_painting_without_a_fast_network_starts_an_optimisation_and_opens_it_in_the_studio()
    {
        var page = Render<Home>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));

        page.FindAll(".style-pick")[2].Click();

        var request = Assert.Single(_studio.Requests);
        Assert.Equal(("painting.starry_night", 3), (Assert.Single(request.Styles).StyleId, request.Photo.Length));
        var firstRun = new OptimiseSettings().Options; // the studio's first-run settings
        Assert.Equal((firstRun.MaxSide, firstRun.Iterations, firstRun.Init), (request.Options.MaxSide, request.Options.Iterations, request.Options.Init));
        Assert.EndsWith("/studio?job=job-1&style=painting.starry_night", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(_quickStyle.Calls);
    }

    [Fact]
    public void Without_a_photo_a_painting_without_a_fast_network_opens_the_studio_with_it()
    {
        var page = Render<Home>();

        page.FindAll(".style-pick")[2].Click();

        Assert.Empty(_studio.Requests);
        Assert.EndsWith("/studio?style=painting.starry_night", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_refused_optimisation_shows_the_reason_on_the_gallery()
    {
        _studio.Failure = new OwnerLimitException(2);
        var page = Render<Home>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([9, 8, 7], "cat.jpg", contentType: "image/jpeg"));

        page.FindAll(".style-pick")[2].Click();

        page.WaitForAssertion(() => Assert.Contains(_studio.Failure.Message, page.Find("[data-testid=stylize-error]").TextContent));
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_refused_photo_shows_the_services_message()
    {
        _quickStyle.Failure = new UserFacingException("This file is not a picture that can be read.");
        var page = Render<Home>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1], "notes.txt", contentType: "text/plain"));

        page.FindAll(".style-pick")[0].Click();

        page.WaitForAssertion(() => Assert.Contains("This file is not a picture that can be read.", page.Find("[data-testid=stylize-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=result]"));
    }

    private sealed class FakeLibrary(params StyleSummary[] styles) : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() => styles;
    }

    private sealed class FakeStudio : IStudioJobs
    {
        public List<StudioRequest> Requests { get; } = [];
        public Exception? Failure { get; set; }

        public Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken)
        {
            if (Failure is { } failure) return Task.FromException<string>(failure);
            Requests.Add(request);
            return Task.FromResult($"job-{Requests.Count}");
        }

        public Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class FakeQuickStyle : IQuickStyleService
    {
        public List<(string Style, int Bytes)> Calls { get; } = [];
        public List<FastStyleOptions> Looks { get; } = [];
        public Exception? Failure { get; set; }

        public Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, FastStyleOptions look, string? owner, CancellationToken cancellationToken)
        {
            Calls.Add((styleId, photo.Length));
            Looks.Add(look);
            return Failure is { } failure
                ? Task.FromException<QuickStyleResult>(failure)
                : Task.FromResult(new QuickStyleResult("abc", "/results/abc.png", 64, 48, TimeSpan.FromSeconds(1)));
        }
    }
}
