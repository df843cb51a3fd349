using Microsoft.Playwright;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>A visitor's own painting becomes a style: a card in the gallery and a choice in the studio.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AddStyleBrowserTests(BrowserFixture browser)
{
    private const string Title = "My sunflowers"; // the catalogue has a "Sunflowers" too

    [Fact]
    public async Task An_uploaded_painting_appears_in_the_gallery_and_the_studio()
    {
        var page = await browser.NewPageAsync();

        await page.Locator("[data-testid=add-style]").ClickAsync();
        await StudioActions.WaitForInputFileAsync(page, "#painting-input");
        await page.SetInputFilesAsync("#painting-input", SharedData.Style("vangogh_sunflowers.jpg"));
        await Assertions.Expect(page.Locator("[data-testid=painting-name]")).ToHaveTextAsync("vangogh_sunflowers.jpg");
        await page.Locator("input[data-testid=style-title], [data-testid=style-title] input").FillAsync(Title);
        await page.Locator("input[data-testid=style-artist], [data-testid=style-artist] input").FillAsync("Vincent van Gogh");
        await page.Locator("[data-testid=add-style-save]").ClickAsync();

        await Assertions.Expect(page.Locator(".style-card", new() { HasText = Title })).ToBeVisibleAsync();

        await browser.GoToAsync(page, "/studio");
        await page.Locator("[data-testid=style-mix] .mud-select").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open").GetByText($"{Title} · Vincent van Gogh")).ToBeVisibleAsync();
    }
}
