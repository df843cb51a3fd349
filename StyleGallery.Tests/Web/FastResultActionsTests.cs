using Bunit;
using StyleGallery.Web.Components.Results;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

public sealed class FastResultActionsTests : BunitPage
{
    [Fact]
    public void Shows_size_and_time_and_links_to_the_result_page_and_the_png()
    {
        var result = new QuickStyleResult("AbCdEfGhIjKlMnOpQrStUv", "/results/AbCdEfGhIjKlMnOpQrStUv.png", 712, 474, TimeSpan.FromMilliseconds(1530));

        var actions = Render<FastResultActions>(p => p.Add(c => c.Result, result));

        Assert.Contains("712 × 474 · 1.5 s", actions.Markup);
        Assert.Equal("/r/AbCdEfGhIjKlMnOpQrStUv", actions.Find("[data-testid=result-page]").GetAttribute("href"));
        var download = actions.Find("[data-testid=result-download]");
        Assert.Equal(("/results/AbCdEfGhIjKlMnOpQrStUv.png?download", "stylegallery-AbCdEfGhIjKlMnOpQrStUv.png"), (download.GetAttribute("href"), download.GetAttribute("download")));
    }
}
