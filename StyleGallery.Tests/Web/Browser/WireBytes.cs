using System.Text.Json;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// What a page downloads, as Chromium's DevTools protocol counts it: for every request that finished, its resource type
/// ("Image", "Stylesheet", …), its URL and the bytes that came over the wire (headers and the body as sent, compressed or
/// not). Measured, not estimated from the files on disk; cached answers count 0.
/// </summary>
public sealed class WireBytes
{
    private readonly Dictionary<string, (string Type, string Url)> _responses = [];
    private readonly List<Download> _finished = [];
    private readonly Lock _lock = new();

    public sealed record Download(string Type, string Url, long Bytes);

    /// <summary>A new desktop page in a context of its own (an empty cache, no cookies), counted from its first request.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, WireBytes Wire)> NewPageAsync(BrowserFixture browser)
    {
        var context = await browser.Session.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = BrowserFixture.Desktop });
        context.SetDefaultTimeout(BrowserFixture.PatientMs);
        var page = await context.NewPageAsync();
        return (context, page, await WatchAsync(page));
    }

    /// <summary>Starts counting in <paramref name="page"/> (before it navigates, so its first requests count too).</summary>
    public static async Task<WireBytes> WatchAsync(IPage page)
    {
        var bytes = new WireBytes();
        var session = await page.Context.NewCDPSessionAsync(page);
        session.Event("Network.responseReceived").OnEvent += (_, e) => bytes.OnResponse(e);
        session.Event("Network.loadingFinished").OnEvent += (_, e) => bytes.OnFinished(e);
        await session.SendAsync("Network.enable");
        return bytes;
    }

    public IReadOnlyList<Download> Finished
    {
        get
        {
            lock (_lock) return [.. _finished];
        }
    }

    public IReadOnlyList<Download> OfType(string type) => [.. Finished.Where(d => d.Type == type)];

    private void OnResponse(JsonElement? message)
    {
        if (message is not { } e) return;
        var id = e.GetProperty("requestId").GetString()!;
        var type = e.GetProperty("type").GetString()!;
        var url = e.GetProperty("response").GetProperty("url").GetString()!;
        lock (_lock) _responses[id] = (type, url);
    }

    private void OnFinished(JsonElement? message)
    {
        if (message is not { } e) return;
        var id = e.GetProperty("requestId").GetString()!;
        var bytes = (long)e.GetProperty("encodedDataLength").GetDouble();
        lock (_lock)
        {
            if (_responses.Remove(id, out var response)) _finished.Add(new Download(response.Type, response.Url, bytes));
        }
    }
}
