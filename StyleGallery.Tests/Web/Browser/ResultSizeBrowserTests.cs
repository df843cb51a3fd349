using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: a result's page, and the cards of /mine and /explore, never show a picture larger than its own pixels; a
/// 128-px picture was stretched to the column (the stored picture), to 480 px (the live view) or to the card, blurred.
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
        Assert.EndsWith(".view.webp", await picture.EvaluateAsync<string>("img => img.currentSrc")); // the PNG is the download
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
        Assert.Contains("/preview.webp?", await preview.EvaluateAsync<string>("img => img.currentSrc"));
        await AssertNotEnlargedAsync(preview);
    }

    [Fact]
    public async Task A_small_pictures_card_on_mine_and_explore_shows_it_at_most_at_its_own_size()
    {
        var page = await browser.NewPageAsync();
        await UploadAsync(page, Photo("small.jpg", BrowserTestPhotos.Landscape(128, 96)));
        await page.Locator(".style-pick").First.ClickAsync();
        var share = page.Locator("[data-testid=result-page]");
        await Assertions.Expect(share).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        var id = (await share.GetAttributeAsync("href"))!.Split('/')[^1];
        await browser.GoToAsync(page, $"/r/{id}");
        await page.GetByLabel("Show on Explore").ClickAsync();
        await Assertions.Expect(page.GetByText("Listed on Explore for everyone.")).ToBeVisibleAsync();

        foreach (var path in new[] { "/mine", "/explore" })
        {
            await browser.GoToAsync(page, path);
            var thumbnail = page.Locator($"[data-testid=picture-card][data-id='{id}'] img");
            await thumbnail.ScrollIntoViewIfNeededAsync(); // the cards' pictures load as they near the screen
            await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
            // The file's own pixels: naturalWidth is divided by the srcset's density (the 480w file, 128 px here, counts as 80).
            var sizes = await thumbnail.EvaluateAsync<double[]>("""
                async img => {
                  const file = new Image();
                  file.src = img.currentSrc;
                  await file.decode();
                  const shown = img.getBoundingClientRect();
                  return [file.naturalWidth, file.naturalHeight, shown.width, shown.height, img.closest('[data-testid=picture-card]').getBoundingClientRect().width];
                }
                """);
            var (fileWidth, fileHeight, shownWidth, shownHeight, card) = (sizes[0], sizes[1], sizes[2], sizes[3], sizes[4]);
            Assert.Equal((128, 96), (fileWidth, fileHeight));
            Assert.True(card > 2 * fileWidth, $"{path}: the card is {card} px wide, too narrow to show enlargement of a {fileWidth}-px picture");
            Assert.True(shownWidth <= fileWidth && shownHeight <= fileHeight, $"{path}: a {fileWidth} × {fileHeight} picture is shown {shownWidth} × {shownHeight}");
        }
    }

    /// <summary>
    /// Shown at most at its natural width, in a column that had room for more (else the test would prove nothing); the
    /// column is the box around the image's <c>&lt;picture&gt;</c>, which lays out as its contents.
    /// </summary>
    private static async Task AssertNotEnlargedAsync(ILocator image)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
        var sizes = await image.EvaluateAsync<double[]>("img => [img.naturalWidth, img.getBoundingClientRect().width, (img.closest('picture') ?? img).parentElement.getBoundingClientRect().width]");
        var (natural, shown, room) = (sizes[0], sizes[1], sizes[2]);
        Assert.True(room > 2 * natural, $"the column is {room} px wide, too narrow to show enlargement of a {natural}-px picture");
        Assert.True(shown <= natural, $"a {natural}-px picture is shown {shown} px wide");
    }
}
