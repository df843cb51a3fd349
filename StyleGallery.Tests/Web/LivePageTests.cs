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
        var settings = start.Arguments[2]!;
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

        var settings = Assert.Single(module.Invocations, i => i.Identifier == "start").Arguments[2]!;
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

    private static readonly StyleSummary UdnieWithLite = Udnie with { LiteVersionId = "udnie-lite" };
    private static readonly StyleSummary UdnieLite = new("udnie-lite", "Udnie (lite)", null, null, "Trained here from udnie", true, null) { TeacherId = "udnie" };

    /// <summary>The radio input of a choice, wherever MudRadio puts the test id (on the input or around it).</summary>
    private static AngleSharp.Dom.IElement Radio(IRenderedComponent<LivePage> page, string testId) =>
        page.FindAll($"input[data-testid={testId}], [data-testid={testId}] input") is [var radio, ..]
            ? radio
            : throw new Xunit.Sdk.XunitException($"No radio {testId} in {page.Find("[data-testid=live-network]").OuterHtml}");

    /// <summary>A setting live.js was given: at the start (the module's "start") or in the newest "update" of the loop it returned.</summary>
    private static object? Setting(BunitJSInterop js, string name, string invocation = "start")
    {
        var settings = js.Invocations.Last(i => i.Identifier == invocation).Arguments[invocation == "start" ? 2 : 0]!;
        return settings.GetType().GetProperty(name)!.GetValue(settings);
    }

    [Fact]
    public void With_a_live_version_speed_is_chosen_and_paints_with_it_and_quality_paints_with_the_full_network()
    {
        Styles(UdnieWithLite, UdnieLite, Wave);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var loop = module.SetupModule(i => i.Identifier == "start");
        var page = Render<LivePage>();

        Assert.False(Radio(page, "live-speed").HasAttribute("disabled"));
        Assert.True(Radio(page, "live-speed").HasAttribute("checked") || Radio(page, "live-speed").GetAttribute("aria-checked") == "true");
        Assert.Contains("live version", page.Find("[data-testid=live-network-hint]").TextContent);
        // The lite style is reached through the switch, not listed a second time.
        var listed = page.FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Equal(["udnie", "wave"], listed);
        page.Find("[data-testid=live-toggle]").Click();
        Assert.Equal("udnie-lite", Setting(module, "style"));

        Radio(page, "live-quality").Click();

        page.WaitForAssertion(() => Assert.Equal("udnie", Setting(loop, "style", "update")));
        Assert.Contains("full network", page.Find("[data-testid=live-network-hint]").TextContent);
    }

    [Fact]
    public void Quality_chosen_before_the_start_paints_with_the_full_network()
    {
        Styles(UdnieWithLite, UdnieLite);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();

        Radio(page, "live-quality").Click();
        page.Find("[data-testid=live-toggle]").Click();

        Assert.Equal("udnie", Setting(module, "style"));
    }

    [Fact]
    public void Without_a_live_version_speed_is_disabled_and_the_page_says_how_to_make_one()
    {
        Styles(Udnie, Wave);
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();

        Assert.True(Radio(page, "live-speed").HasAttribute("disabled"));
        Assert.Contains("No live version yet", page.Find("[data-testid=live-network-hint]").TextContent);
        Assert.Contains("style's card", page.Find("[data-testid=live-network-hint]").TextContent);
        page.Find("[data-testid=live-toggle]").Click();
        Assert.Equal("udnie", Setting(module, "style"));
    }

    [Fact]
    public void A_link_to_a_style_and_size_starts_there_and_a_link_to_a_live_version_picks_its_style_with_speed()
    {
        Styles(Udnie, Wave with { LiteVersionId = "wave-lite" }, new StyleSummary("wave-lite", "The Great Wave (lite)", null, null, "x", true, null) { TeacherId = "wave" });
        var module = JSInterop.SetupModule(LivePage.LiveModule);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/live?style=wave-lite&size=640");
        var page = Render<LivePage>();

        page.Find("[data-testid=live-toggle]").Click();

        Assert.Equal("wave-lite", Setting(module, "style"));
        Assert.Equal(640, Setting(module, "size"));
        Assert.Equal(2, Setting(module, "inFlight")); // two frames in flight unless a benchmark asks for one
    }

    [Fact]
    public void The_readout_shows_the_painted_frames_per_second_and_the_round_trip_while_running_and_nothing_once_stopped()
    {
        Styles(Udnie);
        JSInterop.SetupModule(LivePage.LiveModule);
        var page = Render<LivePage>();
        Assert.Equal("", page.Find("[data-testid=live-rate]").TextContent);
        page.Find("[data-testid=live-toggle]").Click();

        page.InvokeAsync(() => page.Instance.OnRate(24.25, 63));

        page.WaitForAssertion(() => Assert.Equal("24.3 frames/s · 63 ms round trip", page.Find("[data-testid=live-rate]").TextContent));
        Assert.Equal("off", page.Find("[data-testid=live-rate]").GetAttribute("aria-live"));

        page.InvokeAsync(() => page.Instance.OnStopped(null));

        page.WaitForAssertion(() => Assert.Equal("", page.Find("[data-testid=live-rate]").TextContent));
        page.InvokeAsync(() => page.Instance.OnRate(12, 80)); // a report on its way when the loop stopped
        Assert.Equal("", page.Find("[data-testid=live-rate]").TextContent);
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

        Assert.Equal("udnie-lite", Setting(module, "style"));
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
