using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The real app in Chromium: the gallery's one-click fast style, a live optimisation, sharing, bad files, accessibility.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class GalleryBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Uploading_a_photo_and_clicking_a_fast_style_shows_the_picture()
    {
        var page = await browser.NewPageAsync();

        await UploadAsync(page, Landscape());
        await page.Locator(".style-pick").First.ClickAsync();

        var result = page.Locator("[data-testid=result] img");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(result).ToHaveJSPropertyAsync("naturalWidth", 160, new() { Timeout = BrowserFixture.PatientMs });
        await ScreenshotAsync(page, "home.png", fullPage: false); // the whole gallery (22 cards) is over 1.5 MB as a PNG
    }

    [Fact]
    public async Task Dragging_the_style_strength_down_repaints_the_picture_closer_to_the_photo()
    {
        var page = await browser.NewPageAsync();
        await UploadAsync(page, Landscape());
        await page.Locator(".style-pick").First.ClickAsync();
        var result = page.Locator("[data-testid=result] img");
        await Assertions.Expect(result).ToHaveJSPropertyAsync("naturalWidth", 160, new() { Timeout = BrowserFixture.PatientMs });
        var full = await result.GetAttributeAsync("src");

        await DragStrengthToAboutAThirdAsync(page);

        await Assertions.Expect(result).Not.ToHaveAttributeAsync("src", full!, new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.Locator("[data-testid=style-strength-value]")).ToHaveTextAsync(new Regex(@"^\s*[1-4]\d %\s*$"));
        await Assertions.Expect(result).ToHaveJSPropertyAsync("naturalWidth", 160, new() { Timeout = BrowserFixture.PatientMs });
        var photo = ImageResizer.FitWithin(ImageDecoder.Decode(BrowserTestPhotos.Landscape()), 160);
        var fullChange = TestImages.MeanAbsoluteDifference(photo, await PictureAsync(page, full!));
        var mixedChange = TestImages.MeanAbsoluteDifference(photo, await PictureAsync(page, (await result.GetAttributeAsync("src"))!));
        Assert.True(mixedChange < 0.6 * fullChange, $"at under 50 % the picture should be nearer the photo: {mixedChange:F1} vs {fullChange:F1} at 100 %");
    }

    [Fact]
    public async Task On_a_phone_the_picture_scrolls_into_view_when_a_card_far_below_it_is_tapped()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(400, 800);
        await UploadAsync(page, Landscape());
        var card = page.Locator(".style-pick").Nth(4);
        await card.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator("img.preview")).Not.ToBeInViewportAsync();

        await card.ClickAsync();

        var result = page.Locator("[data-testid=result]");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(result).ToBeInViewportAsync(new() { Ratio = 0.5f });
    }

    /// <summary>
    /// Drags the handle as a person would. The new picture is scrolled into view smoothly, moving the slider with it, so
    /// the drag waits for the page to stand still, and tries again if the handle was missed all the same.
    /// </summary>
    private static async Task DragStrengthToAboutAThirdAsync(IPage page)
    {
        var slider = page.Locator("[data-testid=fast-look] input[type=range]");
        for (var attempt = 1; ; attempt++)
        {
            await WhenScrollingStoppedAsync(page);
            var box = (await slider.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width - 2, box.Y + box.Height / 2);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height / 2, new() { Steps = 6 });
            await page.Mouse.UpAsync();
            if (await slider.InputValueAsync() != "100" || attempt == 3) return;
        }
    }

    private static Task WhenScrollingStoppedAsync(IPage page) => page.WaitForFunctionAsync(
        "() => new Promise(done => { const y = window.scrollY; setTimeout(() => done(window.scrollY === y), 300); })");

    private static async Task<RgbImage> PictureAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), url).ToString());
        return ImageDecoder.Decode(await response.BodyAsync());
    }

    [Fact]
    public async Task Clicking_a_painting_without_a_fast_network_starts_its_optimisation_live_in_the_studio()
    {
        var page = await browser.NewPageAsync();

        await UploadAsync(page, Landscape());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^The Starry Night") }).ClickAsync(new() { Timeout = BrowserFixture.PatientMs });

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/studio\?job=[^&]+&style=painting\.starry_night$"), new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.Locator("[data-testid=step]")).Not.ToHaveTextAsync("0", new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.Locator("[data-testid=iteration]")).ToContainTextAsync("/ 100");
        await page.Locator("[data-testid=cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Cancelled", new() { Timeout = BrowserFixture.PatientMs });
    }

    [Fact]
    public async Task A_corrupt_upload_gets_a_friendly_message_not_a_stack_trace()
    {
        var page = await browser.NewPageAsync();

        await UploadAsync(page, Photo("broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8]));
        await page.Locator(".style-pick").First.ClickAsync();

        var error = page.Locator("[data-testid=stylize-error]");
        await Assertions.Expect(error).ToContainTextAsync("picture", new() { IgnoreCase = true, Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(error).Not.ToContainTextAsync("Exception");
        await Assertions.Expect(error).Not.ToContainTextAsync(" at ");
        await Assertions.Expect(page.Locator("[data-testid=result]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_tiny_optimisation_evolves_live_reaches_its_last_iteration_and_its_link_shows_it_elsewhere()
    {
        var page = await browser.NewPageAsync("/studio");
        await UploadAsync(page, Landscape());

        await RecordPreviewsAsync(page);
        var jobId = await StartOptimisationAsync(page, maxSide: 64, iterations: 10);

        var previews = await PreviewsUntilFinishedAsync(page);
        Assert.True(previews.Length >= 3, $"The preview changed {previews.Length} times: {string.Join(", ", previews)}; the job ended: {await page.Locator("[data-testid=live-job]").InnerTextAsync()}");
        await ExpectFinishedAsync(page, iterations: 10);

        var elsewhere = await browser.NewPageAsync($"/r/{jobId}");
        var shared = elsewhere.Locator("[data-testid=preview], [data-testid=picture]").First;
        await Assertions.Expect(shared).ToBeVisibleAsync();
        await Assertions.Expect(shared).ToHaveJSPropertyAsync("naturalWidth", 64, new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(elsewhere.Locator("[data-testid=cancel]")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/mine")]
    [InlineData("/explore")]
    [InlineData("/r/unknown-job")]
    public async Task Pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await browser.NewPageAsync(path);

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>
    /// Starts recording, in the page itself, every preview address the live view shows: a MutationObserver sees each
    /// render, where polling from the test would miss the frames of a run that takes under a second.
    /// </summary>
    private static Task RecordPreviewsAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.previewsSeen = [];
          const record = () => {
            const src = document.querySelector('[data-testid=preview]')?.getAttribute('src');
            if (src && window.previewsSeen.at(-1) !== src) window.previewsSeen.push(src);
          };
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
          record();
        }
        """);

    /// <summary>Every distinct preview address the page showed until the job finished.</summary>
    private static async Task<string[]> PreviewsUntilFinishedAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync(new Regex("Succeeded|Failed|Cancelled"), new() { Timeout = 240_000 });
        return await page.EvaluateAsync<string[]>("() => window.previewsSeen");
    }
}
