using Bunit;
using StyleGallery.Web.Components.Studio;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web;

public sealed class StyleMixTests : BunitPage
{
    private static readonly StyleSummary[] Styles =
    [
        Style("udnie", "Udnie"),
        Style("wave", "The Great Wave"),
        Style("scream", "The Scream"),
        Style("starry", "The Starry Night"),
        Style("muse", "La Muse"),
    ];

    private readonly List<IReadOnlyList<StyleChoice>> _changes = [];

    [Fact]
    public void Shares_are_the_weights_divided_by_their_sum()
    {
        var shares = StyleMix.Shares([new("a", 1), new("b", 1), new("c", 2)]);

        Assert.Equal([0.25, 0.25, 0.5], shares);
    }

    [Fact]
    public void A_single_style_has_no_weight_and_no_remove_button()
    {
        var mix = Render([new StyleChoice("udnie")]);

        Assert.Single(mix.FindAll("[data-testid=style-choice]"));
        Assert.Empty(mix.FindAll("[data-testid=style-share]"));
        Assert.Empty(mix.FindAll("[data-testid=remove-style]"));
    }

    [Fact]
    public void Weights_are_shown_as_percentages_of_the_whole()
    {
        var mix = Render([new StyleChoice("udnie", 0.5), new StyleChoice("wave", 1.5)]);

        Assert.Equal(["25 %", "75 %"], Shares(mix));
    }

    [Fact]
    public void Moving_a_slider_renormalises_every_share()
    {
        var mix = Render([new StyleChoice("udnie", 0.5), new StyleChoice("wave", 1.5)]);

        mix.FindAll("input[type=range]")[0].Input("2");

        Assert.Equal(["57 %", "43 %"], Shares(mix));
        Assert.Equal([new StyleChoice("udnie", 2), new StyleChoice("wave", 1.5)], _changes[^1]);
    }

    [Fact]
    public void Removing_a_style_hands_up_the_rest()
    {
        var mix = Render([new StyleChoice("udnie", 0.5), new StyleChoice("wave", 1.5), new StyleChoice("scream", 2)]);

        mix.FindAll("[data-testid=remove-style]")[1].Click();

        Assert.Equal([new StyleChoice("udnie", 0.5), new StyleChoice("scream", 2)], _changes[^1]);
        Assert.Equal(["20 %", "80 %"], Shares(mix));
    }

    [Fact]
    public void Adding_picks_an_unused_style_and_stops_at_four()
    {
        var mix = Render([new StyleChoice("udnie")]);

        for (var i = 0; i < 3; i++) mix.Find("[data-testid=add-style]").Click();

        Assert.Equal(["udnie", "wave", "scream", "starry"], _changes[^1].Select(c => c.StyleId));
        Assert.Equal(StyleMix.MaxStyles, mix.FindAll("[data-testid=style-choice]").Count);
        Assert.Empty(mix.FindAll("[data-testid=add-style]"));
    }

    private IRenderedComponent<StyleMix> Render(IReadOnlyList<StyleChoice> choices) =>
        Render<StyleMix>(p => p
            .Add(c => c.Styles, Styles)
            .Add(c => c.Choices, choices)
            .Add(c => c.ChoicesChanged, (IReadOnlyList<StyleChoice> changed) => _changes.Add(changed)));

    private static List<string> Shares(IRenderedComponent<StyleMix> mix) =>
        mix.FindAll("[data-testid=style-share]").Select(e => e.TextContent.Trim()).ToList();

    private static StyleSummary Style(string id, string title) => new(id, title, null, null, "Public domain", false, null);
}
