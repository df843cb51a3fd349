using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The running app and a browser, shared by the browser tests (starting either takes seconds).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>A common laptop screen: what the README's screenshots show.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    /// <summary>The app's first answers come slowly while a busy machine also paints; Playwright's own default is 30 s.</summary>
    public const float PatientMs = 60_000;

    public RunningApp App { get; } = new();
    public BrowserSession Session { get; } = new();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(PatientMs);
        await Task.WhenAll(App.InitializeAsync(), Session.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies: another owner) with a page at the app's address.</summary>
    public Task<IPage> NewPageAsync(string path = "/") => NewPageAsync(path, new BrowserNewContextOptions { ViewportSize = Desktop });

    /// <summary>A fresh browser context with the given screen (a phone's, say), with a page at the app's address.</summary>
    public async Task<IPage> NewPageAsync(string path, BrowserNewContextOptions options)
    {
        var context = await Session.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(PatientMs);
        var page = await context.NewPageAsync();
        await GoToAsync(page, path);
        return page;
    }

    /// <summary>Opens <paramref name="path"/> in the same page (same cookies: same owner) and waits until it is interactive.</summary>
    public async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(App.BaseUrl + path);
        // The prerendered page looks ready before Blazor's circuit is up, but clicks on it go nowhere.
        await Assertions.Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = PatientMs });
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "StyleGallery.Web"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Repository root not found.");
    }
}
