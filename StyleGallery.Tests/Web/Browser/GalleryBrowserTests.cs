using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The real app in Chromium: the gallery's one-click fast style, a live optimisation, sharing, bad files, accessibility.</summary>
[Trait("Category", "Browser")]
public sealed class GalleryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Uploading_a_photo_and_clicking_a_fast_style_shows_the_picture()
    {
        var page = await browser.NewPageAsync();

        await UploadAsync(page, Photo("hills.jpg", BrowserTestPhotos.Landscape()));
        await page.Locator(".style-card").First.ClickAsync();

        var result = page.Locator("[data-testid=result] img");
        await result.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.True(await result.EvaluateAsync<bool>("img => img.complete || new Promise(r => img.onload = () => r(true))"));
        Assert.Equal(160, await result.EvaluateAsync<int>("img => img.naturalWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("home.png"), FullPage = true });
    }

    [Fact]
    public async Task A_corrupt_upload_gets_a_friendly_message_not_a_stack_trace()
    {
        var page = await browser.NewPageAsync();

        await UploadAsync(page, Photo("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8]));
        await page.Locator(".style-card").First.ClickAsync();

        var error = page.Locator("[data-testid=stylize-error]");
        await error.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var text = await error.InnerTextAsync();
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain(" at ", text);
        Assert.Contains("picture", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator("[data-testid=result]").CountAsync());
    }

    [Fact]
    public async Task A_tiny_optimisation_evolves_live_reaches_its_last_iteration_and_its_link_shows_it_elsewhere()
    {
        var page = await browser.NewPageAsync("/studio");
        await UploadAsync(page, Photo("hills.jpg", BrowserTestPhotos.Landscape()));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Optimise" }).ClickAsync();
        await SetNumberAsync(page, "max-side", 64);
        await SetNumberAsync(page, "iterations", 10);

        await page.Locator("[data-testid=optimise-start]").ClickAsync();

        var previews = await WatchPreviewsUntilFinishedAsync(page);
        Assert.True(previews.Count >= 3, $"The preview changed {previews.Count} times: {string.Join(", ", previews)}; the job ended: {await page.Locator("[data-testid=live-job]").InnerTextAsync()}");
        // The counter and status re-render from the latest update; give the circuit a moment to deliver it.
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=step]")).ToHaveTextAsync("10", new() { Timeout = 15_000 });
        Assert.Contains("job=", page.Url);

        var jobId = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["job"];
        var elsewhere = await browser.NewPageAsync($"/r/{jobId}");
        var shared = elsewhere.Locator("[data-testid=preview]");
        await shared.WaitForAsync();
        Assert.Equal("Succeeded", await elsewhere.Locator("[data-testid=job-status]").InnerTextAsync());
        Assert.Equal(64, await shared.EvaluateAsync<int>("img => img.complete ? Math.max(img.naturalWidth, img.naturalHeight) : new Promise(r => img.onload = () => r(Math.max(img.naturalWidth, img.naturalHeight)))"));
        await elsewhere.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("result.png") });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/r/unknown-job")]
    public async Task Pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await browser.NewPageAsync(path);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>Every distinct preview address seen until the job finishes; a screenshot of the studio mid-run.</summary>
    private static async Task<List<string>> WatchPreviewsUntilFinishedAsync(IPage page)
    {
        var seen = new List<string>();
        var screenshotTaken = false;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var src = await page.Locator("[data-testid=preview]").CountAsync() > 0 ? await page.Locator("[data-testid=preview]").GetAttributeAsync("src") : null;
            if (src is not null && (seen.Count == 0 || seen[^1] != src)) seen.Add(src);
            if (!screenshotTaken && src is not null && int.TryParse(await page.Locator("[data-testid=step]").InnerTextAsync(), out var step) && step >= 4)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("studio.png") });
                screenshotTaken = true;
            }
            var status = page.Locator("[data-testid=job-status]");
            if (await status.CountAsync() > 0 && await status.InnerTextAsync() is "Succeeded" or "Failed" or "Cancelled") break;
            await Task.Delay(100);
        }
        return seen;
    }

    /// <summary>
    /// Chooses the file and waits until the page has it. The prerendered page shows the file input before the
    /// circuit is connected; a file chosen then is lost, so it is chosen again until the page takes it.
    /// </summary>
    private static async Task UploadAsync(IPage page, FilePayload photo)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.SetInputFilesAsync("#photo-input", photo);
            try
            {
                await page.Locator("img.preview").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task SetNumberAsync(IPage page, string testId, int value)
    {
        var input = page.Locator($"[data-testid={testId}] input");
        await input.FillAsync(value.ToString());
        await input.PressAsync("Tab");
    }

    private static FilePayload Photo(string name, byte[] bytes) => new() { Name = name, MimeType = "image/jpeg", Buffer = bytes };
}
