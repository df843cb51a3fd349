using Bunit;
using Microsoft.AspNetCore.Components;
using StyleGallery.Web.Components.Layout;

namespace StyleGallery.Tests.Web;

public sealed class MainLayoutTests : BunitPage
{
    [Fact]
    public void Every_page_is_one_link_away_and_narrow_screens_get_a_menu_instead()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        var links = layout.FindAll("nav.nav-links a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal([("/", "Gallery"), ("/studio", "Studio"), ("/live", "Live"), ("/video", "Video"), ("/explore", "Explore"), ("/mine", "My pictures")], links);
        Assert.NotNull(layout.Find(".nav-menu button[aria-label=Menu]"));
        Assert.Contains("page", layout.Find(".mud-main-content").TextContent);
    }
}
