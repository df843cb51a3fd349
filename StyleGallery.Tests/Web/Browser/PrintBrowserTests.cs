using Microsoft.Playwright;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The studio's print size in Chromium: a print of a larger photo is painted as a job and its full file downloads.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PrintBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_print_size_paints_a_print_whose_full_file_downloads()
    {
        var page = await browser.NewPageAsync("/studio");
        await UploadAsync(page, Photo("big-hills.jpg", BrowserTestPhotos.Landscape(2400, 1600)));

        await ChooseAsync(page, "Print size", "2048 px");
        await Assertions.Expect(page.GetByTestId("fast-start")).ToContainTextAsync("Paint the print");
        await page.GetByTestId("fast-start").ClickAsync();

        await page.WaitForURLAsync("**/studio?print=*", new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.GetByTestId("print-status")).ToHaveTextAsync("Your print is ready", new() { Timeout = 240_000 });
        var download = page.GetByTestId("print-download");
        var href = await download.GetAttributeAsync("href");
        Assert.Matches("^/prints/[A-Za-z0-9_-]{22}\\.png$", href);
        await Assertions.Expect(page.GetByTestId("print-view")).Not.ToHaveJSPropertyAsync("naturalWidth", 0);
        await ScreenshotAsync(page, "print.png", fullPage: false);
        var file = await page.APIRequest.GetAsync(browser.App.BaseUrl + href);
        Assert.Equal(200, file.Status);
        var printed = ImageDecoder.Decode(await file.BodyAsync(), ImageLimits.Poster);
        Assert.Equal((2048, 1365), (printed.Width, printed.Height));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
