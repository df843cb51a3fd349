using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: the script modules a page imports once it is interactive (here the gallery's paste listener) come by their
/// fingerprinted URL too, so Chromium caches them for a year, and never by the plain one.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed partial class StaticAssetBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_gallery_imports_its_script_module_by_its_fingerprinted_url()
    {
        var context = await browser.Session.Browser.NewContextAsync();
        context.SetDefaultTimeout(BrowserFixture.PatientMs);
        var page = await context.NewPageAsync();
        var modules = new List<(string Path, int Status, string? Caching)>();
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/js/", StringComparison.Ordinal))
                lock (modules) modules.Add((path, response.Status, response.Headers.GetValueOrDefault("cache-control")));
        };

        await browser.GoToAsync(page, "/");
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('resource').some(e => e.name.includes('/js/paste'))");
        await context.CloseAsync();

        var paste = Assert.Single(modules);
        Assert.Matches(FingerprintedPaste(), paste.Path);
        Assert.Equal((200, "max-age=31536000, immutable"), (paste.Status, paste.Caching));
    }

    [GeneratedRegex(@"^/js/paste\.[0-9a-z]{10}\.js$")]
    private static partial Regex FingerprintedPaste();
}
