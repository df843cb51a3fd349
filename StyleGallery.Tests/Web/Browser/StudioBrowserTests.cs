using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The studio: sample photos, and an optimisation watched and stopped half-way.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class StudioBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_a_sample_photo_chooses_it_and_the_page_passes_an_accessibility_scan()
    {
        var page = await browser.NewPageAsync("/studio");
        var first = page.Locator("[data-testid=sample-photo]").First;
        var second = page.Locator("[data-testid=sample-photo]").Nth(1);

        await first.ClickAsync();
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-pressed", "true");
        await second.ClickAsync();

        await Assertions.Expect(second).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.Locator("img.preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("img.preview")).Not.ToHaveJSPropertyAsync("naturalWidth", 0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Mid_optimisation_the_studio_shows_picture_counter_and_losses_and_its_owner_can_cancel()
    {
        var page = await browser.NewPageAsync("/studio");
        await ChooseSampleAsync(page, "tubingen.jpg");
        await StartFromThePhotoAsync(page);

        await StartOptimisationAsync(page, maxSide: 128, iterations: 60);

        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=step]')?.textContent) >= 20", null, new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=loss-chart] polyline").First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "studio.png", fullPage: false);

        await page.Locator("[data-testid=cancel]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToBeVisibleAsync();
    }
}
