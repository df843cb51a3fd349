using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: axe-core finds nothing, of any impact, on the app's pages (WCAG 2.0-2.2 A and AA and axe's best practices,
/// <see cref="Accessibility.Tags"/>), as they first show and once they show what a visitor asked for: a picture, a running
/// optimisation, the painted camera, a published card.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AxeBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/live")]
    [InlineData("/explore")]
    [InlineData("/mine")]
    [InlineData("/video")]
    [InlineData("/r/AbCdEfGhIjKlMnOpQrStUv")] // a link to a picture that is not there
    public async Task A_page_as_it_first_shows_has_no_violations(string path)
    {
        var page = await browser.NewPageAsync(path);

        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_fast_picture_its_page_and_the_lists_showing_it_have_no_violations()
    {
        var page = await browser.NewPageAsync();
        await UploadAsync(page, Landscape());
        await page.Locator(".style-pick").First.ClickAsync();
        var share = page.Locator("[data-testid=result-page]");
        await Assertions.Expect(share).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        await Accessibility.AssertNoViolationsAsync(page); // the gallery with the picture beside it

        var id = (await share.GetAttributeAsync("href"))!.Split('/')[^1];
        await browser.GoToAsync(page, $"/r/{id}");
        await Assertions.Expect(page.Locator("[data-testid=picture]")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("Show on Explore").ClickAsync();
        await Assertions.Expect(page.GetByText("Listed on Explore for everyone.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page); // the owner's view, published

        await browser.GoToAsync(page, "/mine");
        await Assertions.Expect(Card(page, id)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        var visitor = await browser.NewPageAsync("/explore");
        await Assertions.Expect(Card(visitor, id)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(visitor);
        await browser.GoToAsync(visitor, $"/r/{id}");
        await Assertions.Expect(visitor.Locator("[data-testid=picture]")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(visitor); // a visitor's view: no publish toggle
    }

    [Fact]
    public async Task The_studio_with_a_fast_picture_and_with_a_finished_optimisation_has_no_violations()
    {
        var page = await browser.NewPageAsync("/studio");
        await UploadAsync(page, Landscape());
        await page.Locator("[data-testid=fast-start]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=fast-result]")).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        await Accessibility.AssertNoViolationsAsync(page);

        await PaintTinyPictureAsync(browser, page);
        await Assertions.Expect(page.Locator("[data-testid=loss-chart]")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_live_page_painting_the_camera_has_no_violations()
    {
        var page = await browser.NewPageAsync("/live");

        await page.GetByTestId("live-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0) >= 2",
            null, new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.GetByTestId("live-rate")).ToContainTextAsync("frames/s"); // the readout too

        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByTestId("live-toggle").ClickAsync();
    }

    private static ILocator Card(IPage page, string id) => page.Locator($"[data-testid=picture-card][data-id='{id}']");
}
