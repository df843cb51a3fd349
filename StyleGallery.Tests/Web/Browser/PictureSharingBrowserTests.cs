using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>A finished picture belongs to the browser that made it, until its owner publishes it for everyone.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PictureSharingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_finished_picture_is_listed_for_its_owner_only_until_published_then_everyone_explores_it()
    {
        var owner = await browser.NewPageAsync("/studio");
        var job = await PaintTinyPictureAsync(browser, owner);

        await browser.GoToAsync(owner, "/mine");
        await Assertions.Expect(Card(owner, job)).ToBeVisibleAsync();
        var stranger = await browser.NewPageAsync("/mine");
        await Assertions.Expect(stranger.Locator("[data-testid=no-pictures]")).ToBeVisibleAsync();
        await Assertions.Expect(Card(stranger, job)).ToHaveCountAsync(0);

        await browser.GoToAsync(owner, $"/r/{job}");
        await owner.GetByLabel("Show on Explore").ClickAsync();
        await Assertions.Expect(owner.GetByText("Listed on Explore for everyone.")).ToBeVisibleAsync();

        await browser.GoToAsync(stranger, "/explore");
        await Assertions.Expect(Card(stranger, job)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_owners_pages_look_finished_and_pass_an_accessibility_scan()
    {
        // Big and long enough to look like a painting in the README's screenshots.
        var owner = await browser.NewPageAsync("/studio");
        await ChooseSampleAsync(owner, "tubingen.jpg");
        await StartFromThePhotoAsync(owner);
        var job = await StartOptimisationAsync(owner, maxSide: 128, iterations: 40);
        await ExpectFinishedAsync(owner, iterations: 40);
        await browser.GoToAsync(owner, $"/r/{job}");
        await owner.GetByLabel("Show on Explore").ClickAsync();
        await Assertions.Expect(owner.GetByText("Listed on Explore for everyone.")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(owner.GetByRole(AriaRole.Cell, new() { Name = "The photo", Exact = true })).ToBeVisibleAsync();

        await ScreenshotAsync(owner, "result.png");
        await Accessibility.AssertNoSeriousViolationsAsync(owner);

        await browser.GoToAsync(owner, "/mine");
        await Assertions.Expect(Card(owner, job)).ToBeVisibleAsync();
        await ScreenshotAsync(owner, "mine.png");
        await Accessibility.AssertNoSeriousViolationsAsync(owner);

        var visitor = await browser.NewPageAsync("/explore");
        await Assertions.Expect(Card(visitor, job)).ToBeVisibleAsync();
        await ScreenshotAsync(visitor, "explore.png");
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);
    }

    private static ILocator Card(IPage page, string job) => page.Locator($"[data-testid=picture-card][data-id='{job}']");
}
