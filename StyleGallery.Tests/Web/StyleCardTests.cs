using Bunit;
using Microsoft.AspNetCore.Components.Web;
using StyleGallery.Web.Components.Gallery;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

public sealed class StyleCardTests : BunitPage
{
    private static readonly StyleSummary Udnie = new("udnie", "Udnie", "Francis Picabia", "1913", "Research use only", true, null);

    [Fact]
    public void Shows_title_artist_year_licence_and_the_fast_badge()
    {
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie));

        Assert.Contains("Udnie", card.Markup);
        Assert.Contains("Francis Picabia, 1913", card.Markup);
        Assert.Contains("Research use only", card.Markup);
        Assert.Contains("fast", card.Find(".fast-badge").TextContent);
        Assert.Empty(card.FindAll(".optimise-badge"));
        Assert.Equal("U", card.Find(".placeholder").TextContent.Trim());
    }

    [Fact]
    public void The_card_is_named_by_the_text_it_shows_so_voice_control_finds_it_by_its_title() // issue 25, WCAG 2.5.3
    {
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie));

        var pick = card.Find(".style-pick");
        Assert.Equal("button", pick.GetAttribute("role"));
        Assert.Null(pick.GetAttribute("aria-label"));
        Assert.Contains("Udnie", pick.TextContent);
    }

    [Fact]
    public void A_style_without_a_fast_network_is_marked_optimise_and_an_unknown_artist_says_so()
    {
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie with { HasFastNetwork = false, Artist = null, Year = null }));

        Assert.Empty(card.FindAll(".fast-badge"));
        Assert.Equal("optimise", card.Find(".optimise-badge").TextContent.Trim());
        Assert.Contains("Unknown artist", card.Markup);
    }

    [Fact]
    public void The_painting_is_a_thumbnail_at_1x_and_2x_in_webp_and_jpeg_never_the_whole_painting() // issue 25
    {
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie with { PaintingUrl = "/paintings/udnie" }));

        var webp = card.Find("picture source[type='image/webp']");
        var img = card.Find("picture img");
        Assert.Equal("/paintings/udnie/card-240.webp 240w, /paintings/udnie/card-480.webp 480w", webp.GetAttribute("srcset"));
        Assert.Equal("/paintings/udnie/card-240.jpg 240w, /paintings/udnie/card-480.jpg 480w", img.GetAttribute("srcset"));
        Assert.Equal("/paintings/udnie/card-240.jpg", img.GetAttribute("src"));
        Assert.StartsWith("(min-width: 1280px) 230px", img.GetAttribute("sizes"));
        Assert.Equal(img.GetAttribute("sizes"), webp.GetAttribute("sizes"));
        Assert.Equal(("240", "180"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Null(img.GetAttribute("loading"));
        Assert.DoesNotContain("\"/paintings/udnie\"", card.Markup);
        Assert.DoesNotContain("url(", card.Markup);
    }

    [Fact]
    public void A_card_below_the_fold_loads_its_painting_lazily()
    {
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie with { PaintingUrl = "/paintings/udnie" }).Add(c => c.LazyPicture, true));

        Assert.Equal("lazy", card.Find("picture img").GetAttribute("loading"));
    }

    [Fact]
    public void Click_and_Enter_both_select_the_style()
    {
        var selected = new List<string>();
        var card = Render<StyleCard>(p => p.Add(c => c.Style, Udnie).Add(c => c.OnSelect, s => selected.Add(s.Id)));

        card.Find(".style-pick").Click();
        card.Find(".style-pick").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        card.Find(".style-pick").KeyDown(new KeyboardEventArgs { Key = "a" });

        Assert.Equal(["udnie", "udnie"], selected);
    }
}
