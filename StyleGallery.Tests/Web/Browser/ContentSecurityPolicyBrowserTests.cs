using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// The app's own pages work in Chromium under its Content-Security-Policy (issue 18, point 4): each page is served
/// with the policy, goes interactive (Blazor's script and circuit), and the browser reports no violation, also while
/// the live camera's painted frames (blob: pictures) come back.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_pages_go_interactive_under_the_policy_with_no_violation()
    {
        var context = await browser.Session.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(BrowserFixture.PatientMs);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (violations) violations.Add("page error: " + error);
        };
        var policies = new List<string?>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document") lock (policies) policies.Add(response.Headers.GetValueOrDefault("content-security-policy"));
        };

        foreach (var path in new[] { "/", "/studio", "/live" }) await browser.GoToAsync(page, path);
        await page.GetByTestId("live-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0) >= 2",
            null, new() { Timeout = BrowserFixture.PatientMs });
        await page.GetByTestId("live-toggle").ClickAsync();
        await context.CloseAsync();

        Assert.Equal(3, policies.Count);
        Assert.All(policies, p => Assert.Contains("script-src 'self'", p ?? "(no policy)"));
        Assert.Empty(violations);
    }
}
