using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The running app and a browser, shared by the browser tests (starting either takes seconds).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public RunningApp App { get; } = new();
    public BrowserSession Session { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(App.InitializeAsync(), Session.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) with a page at the app's address.</summary>
    public async Task<IPage> NewPageAsync(string path = "/")
    {
        var context = await Session.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1300 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(App.BaseUrl + path);
        // Interactive once Blazor's circuit is up; before that clicks go nowhere.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('.mud-layout') !== null");
        await page.WaitForTimeoutAsync(300);
        return page;
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
