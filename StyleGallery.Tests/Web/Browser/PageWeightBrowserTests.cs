using Microsoft.Playwright;
using Xunit.Abstractions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: what the gallery costs to open, measured in Chromium (<see cref="WireBytes"/>): everything that comes over
/// the wire (the page, styles, scripts, every picture, fonts), but the Blazor circuit's own connection (its negotiation
/// and WebSocket), which is the app working, not the page loading.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PageWeightBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>The budget for a first visit to <c>/</c>, with an empty cache.</summary>
    private const long MaxFirstLoadBytes = 600 * 1024;

    /// <summary>The budget for a reload of <c>/</c> with everything it fetched before in the cache.</summary>
    private const long MaxWarmReloadBytes = 100 * 1024;

    [Fact]
    public async Task The_gallery_loads_in_at_most_600_KB_and_reloads_in_at_most_100_KB()
    {
        var (context, page, wire) = await WireBytes.NewPageAsync(browser);

        await browser.GoToAsync(page, "/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var first = PageLoad(wire.Finished);
        var seen = wire.Finished.Count;
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var reload = PageLoad(wire.Finished.Skip(seen));
        await context.CloseAsync();

        var firstBytes = Print("First load of /", first);
        var reloadBytes = Print("Warm reload of /", reload);
        Assert.Contains(first, d => d.Type == "Document");
        Assert.Contains(first, d => d.Type == "Image");
        Assert.Contains(reload, d => d.Type == "Document");
        Assert.True(firstBytes <= MaxFirstLoadBytes, $"the first load of / took {firstBytes:N0} bytes; the budget is {MaxFirstLoadBytes:N0}");
        Assert.True(reloadBytes <= MaxWarmReloadBytes, $"a warm reload of / took {reloadBytes:N0} bytes; the budget is {MaxWarmReloadBytes:N0}");
    }

    /// <summary>What the page itself fetched: not the circuit's negotiation nor its WebSocket.</summary>
    private static List<WireBytes.Download> PageLoad(IEnumerable<WireBytes.Download> downloads) =>
        [.. downloads.Where(d => d.Type != "WebSocket" && !new Uri(d.Url).AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal))];

    private long Print(string title, IReadOnlyList<WireBytes.Download> downloads)
    {
        output.WriteLine(title);
        foreach (var d in downloads.OrderByDescending(d => d.Bytes)) output.WriteLine($"{d.Bytes,9:N0}  {d.Type,-10}  {new Uri(d.Url).PathAndQuery}");
        var total = downloads.Sum(d => d.Bytes);
        output.WriteLine($"{total,9:N0}  in {downloads.Count} requests");
        output.WriteLine("");
        return total;
    }
}
