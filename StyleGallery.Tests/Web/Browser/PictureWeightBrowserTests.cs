using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: the gallery's first load downloads pictures at the size they are shown. The cards showed the whole
/// paintings (3 MB for the first screen and the next, which Chromium loads ahead); thumbnails make them a few hundred KB.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed partial class PictureWeightBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>The issue's budget for the pictures of the first load of <c>/</c>.</summary>
    private const long MaxPictureBytes = 300 * 1024;

    [Fact]
    public async Task The_first_load_of_the_gallery_downloads_at_most_300_KB_of_pictures()
    {
        var (context, page, wire) = await WireBytes.NewPageAsync(browser);

        await browser.GoToAsync(page, "/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var pictures = wire.OfType("Image");
        await context.CloseAsync();

        var total = pictures.Sum(p => p.Bytes);
        foreach (var picture in pictures.OrderByDescending(p => p.Bytes)) output.WriteLine($"{picture.Bytes,9:N0}  {picture.Url}");
        output.WriteLine($"{total,9:N0}  in {pictures.Count} pictures");
        Assert.True(pictures.Count >= 6, $"the first screen shows at least two rows of cards; {pictures.Count} pictures came");
        Assert.All(pictures, p => Assert.Matches(CardThumbnail(), new Uri(p.Url).AbsolutePath)); // Chromium takes the <picture>'s WebP
        Assert.True(total <= MaxPictureBytes, $"the pictures of the first load of / took {total:N0} bytes; the budget is {MaxPictureBytes:N0}");
    }

    /// <summary>A card's 1× thumbnail in WebP: the desktop's cards are 230 CSS px wide at 1 device px each.</summary>
    [GeneratedRegex(@"^/paintings/[^/]+/card-240\.webp$")]
    private static partial Regex CardThumbnail();
}
