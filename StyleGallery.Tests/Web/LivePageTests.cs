using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

public sealed class LivePageTests : BunitPage
{
    private static readonly StyleSummary Udnie = new("udnie", "Udnie", "Francis Picabia", "1913", "research", true, null);
    private static readonly StyleSummary Wave = new("wave", "The Great Wave", "Hokusai", null, "research", true, null);
    private static readonly StyleSummary Mine = new("my-painting", "My painting", null, null, "mine", false, null);

    private void Styles(params StyleSummary[] styles)
    {
        Services.AddSingleton<IStyleLibrary>(new FakeLibrary(styles));
        Services.AddSingleton(new StyleGallery.Web.Services.Owners.BrowserOwner { Token = "me" });
    }

    [Fact]
    public void Start_opens_the_camera_loop_with_the_first_fast_style_and_the_default_size()
    {
        Styles(Mine, Udnie, Wave);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();

        page.Find("[data-testid=live-toggle]").Click();

        var start = Assert.Single(module.Invocations, i => i.Identifier == "start");
        var settings = start.Arguments[3]!;
        Assert.Equal("udnie", settings.GetType().GetProperty("style")!.GetValue(settings));
        Assert.Equal(320, settings.GetType().GetProperty("size")!.GetValue(settings));
        Assert.Equal(1.0, settings.GetType().GetProperty("strength")!.GetValue(settings));
        Assert.Equal(false, settings.GetType().GetProperty("colors")!.GetValue(settings));
        Assert.Contains("Stop", page.Find("[data-testid=live-toggle]").TextContent);
        Assert.NotNull(page.Find("[data-testid=live-snapshot]"));
    }

    [Fact]
    public void The_camera_is_painted_with_the_chosen_strength_and_colours()
    {
        Styles(Udnie);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();
        page.Find("[data-testid=fast-look] input[type=range]").Change("40");
        page.Find("[data-testid=fast-look] input[type=checkbox]").Change(true);

        page.Find("[data-testid=live-toggle]").Click();

        var settings = Assert.Single(module.Invocations, i => i.Identifier == "start").Arguments[3]!;
        Assert.Equal(0.4, settings.GetType().GetProperty("strength")!.GetValue(settings));
        Assert.Equal(true, settings.GetType().GetProperty("colors")!.GetValue(settings));
        Assert.Contains("Keep the camera's colours", page.Markup);
    }

    [Fact]
    public void When_the_loop_stops_with_a_reason_the_page_shows_it_and_offers_start_again()
    {
        Styles(Udnie);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();
        page.Find("[data-testid=live-toggle]").Click();

        page.InvokeAsync(() => page.Instance.OnStopped("The camera could not be opened (NotAllowedError): allow the camera for this site, or plug one in."));

        page.WaitForAssertion(() => Assert.Contains("NotAllowedError", page.Find("[data-testid=live-error]").TextContent));
        Assert.Contains("Start the camera", page.Find("[data-testid=live-toggle]").TextContent);
    }

    [Fact]
    public void Styles_without_a_fast_network_are_not_offered_and_with_none_the_page_says_so()
    {
        Styles(Mine);

        var page = Render<LivePage>();

        Assert.Contains("No fast styles are installed", page.Find("[data-testid=no-fast-styles]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=live-toggle]"));
    }

    [Fact]
    public void The_style_in_the_address_is_chosen_among_the_browser_s_own_styles_too()
    {
        var lite = new StyleSummary("udnie-lite", "Udnie (lite)", null, null, "mine", true, null) { TeacherId = "udnie" };
        Services.AddSingleton<IStyleLibrary>(new OwnerLibrary("me", everyone: [Udnie, Wave], own: [Udnie, lite, Wave]));
        Services.AddSingleton(new StyleGallery.Web.Services.Owners.BrowserOwner { Token = "me" });
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/live?style=udnie-lite");
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();

        page.Find("[data-testid=live-toggle]").Click();

        var settings = Assert.Single(module.Invocations, i => i.Identifier == "start").Arguments[3]!;
        Assert.Equal("udnie-lite", settings.GetType().GetProperty("style")!.GetValue(settings));
    }

    private sealed class OwnerLibrary(string owner, StyleSummary[] everyone, StyleSummary[] own) : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() => everyone;

        public IReadOnlyList<StyleSummary> StylesFor(string? browser) => browser == owner ? own : everyone;
    }

    private sealed class FakeLibrary(params StyleSummary[] styles) : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() => styles;
    }
}
