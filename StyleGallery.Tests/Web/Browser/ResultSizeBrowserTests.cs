using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: a result's page never shows a picture larger than its own pixels; a 128-px picture was stretched to the
/// column (the stored picture) or to 480 px (the live view), blurred.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ResultSizeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_small_stored_picture_is_shown_at_its_own_size_and_its_size_is_said()
    {
        var page = await browser.NewPageAsync();
        await UploadAsync(page, Photo("small.jpg", BrowserTestPhotos.Landscape(128, 96)));
        await page.Locator(".style-pick").First.ClickAsync();
        var share = page.Locator("[data-testid=result-page]");
        await Assertions.Expect(share).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });

        await browser.GoToAsync(page, (await share.GetAttributeAsync("href"))!);

        var picture = page.Locator("[data-testid=picture]");
        await Assertions.Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 128);
        await AssertNotEnlargedAsync(picture);
        await Assertions.Expect(page.GetByText("128 × 96 px")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_small_optimisations_live_picture_is_shown_at_its_own_size()
    {
        var page = await browser.NewPageAsync("/studio");
        var job = await PaintTinyPictureAsync(browser, page);

        await browser.GoToAsync(page, $"/r/{job}");

        var preview = page.Locator("[data-testid=preview]");
        await Assertions.Expect(preview).ToHaveJSPropertyAsync("naturalWidth", 64);
        await AssertNotEnlargedAsync(preview);
    }

    /// <summary>Shown at most at its natural width, in a column that had room for more (else the test would prove nothing).</summary>
    private static async Task AssertNotEnlargedAsync(ILocator image)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        var sizes = await image.EvaluateAsync<double[]>("img => [img.naturalWidth, img.getBoundingClientRect().width, img.parentElement.getBoundingClientRect().width]");
        var (natural, shown, room) = (sizes[0], sizes[1], sizes[2]);
        Assert.True(room > 2 * natural, $"the column is {room} px wide, too narrow to show enlargement of a {natural}-px picture");
        Assert.True(shown <= natural, $"a {natural}-px picture is shown {shown} px wide");
    }
}
