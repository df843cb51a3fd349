using System.Globalization;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>What a visitor does in the app, step by step, each step waiting (patiently) until the page shows its effect.</summary>
public static class StudioActions
{
    /// <summary>Chooses the photo in the page's file input and waits until the page shows it.</summary>
    public static async Task UploadAsync(IPage page, FilePayload photo)
    {
        await WaitForInputFileAsync(page, "#photo-input");
        await page.SetInputFilesAsync("#photo-input", photo);
        await Assertions.Expect(page.Locator("img.preview")).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
    }

    /// <summary>
    /// Waits until Blazor's InputFile has attached its change listener (its JS init marks the element), so a file set
    /// right after the element appears, e.g. in a freshly opened dialog, is not dropped unseen.
    /// </summary>
    public static async Task WaitForInputFileAsync(IPage page, string selector) =>
        await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector)?._blazorInputFileNextFileId !== undefined", selector,
            new() { Timeout = BrowserFixture.PatientMs });

    public static FilePayload Photo(string name, byte[] bytes) => new() { Name = name, MimeType = "image/jpeg", Buffer = bytes };

    public static FilePayload Landscape() => Photo("hills.jpg", BrowserTestPhotos.Landscape());

    /// <summary>Starts an optimisation of the photo already chosen in the studio and returns its job id (from the URL it moves to).</summary>
    public static async Task<string> StartOptimisationAsync(IPage page, int maxSide, int iterations)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Optimise" }).ClickAsync();
        await SetNumberAsync(page, "max-side", maxSide);
        await SetNumberAsync(page, "iterations", iterations);
        await page.Locator("[data-testid=optimise-start]").ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/studio?job=*", new() { Timeout = BrowserFixture.PatientMs });
        }
        catch (TimeoutException e)
        {
            // Say what the page showed instead (seen once in CI: no job after a minute, cause unknown).
            var error = await page.Locator("[data-testid=studio-error]").AllInnerTextsAsync();
            var button = await page.Locator("[data-testid=optimise-start]").IsEnabledAsync();
            throw new TimeoutException($"No job page after starting; studio error: [{string.Join(" | ", error)}], start enabled: {button}, at {page.Url}.", e);
        }
        return System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["job"]
            ?? throw new InvalidOperationException($"No job in {page.Url}.");
    }

    /// <summary>Waits until the live view says the job succeeded at its last iteration.</summary>
    public static async Task ExpectFinishedAsync(IPage page, int iterations)
    {
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("[data-testid=step]")).ToHaveTextAsync(iterations.ToString(CultureInfo.InvariantCulture), new() { Timeout = BrowserFixture.PatientMs });
    }

    /// <summary>A finished optimisation of the drawn landscape (64 px, 10 iterations) made in this page's browser context.</summary>
    public static async Task<string> PaintTinyPictureAsync(BrowserFixture browser, IPage page)
    {
        await browser.GoToAsync(page, "/studio");
        await UploadAsync(page, Landscape());
        var job = await StartOptimisationAsync(page, maxSide: 64, iterations: 10);
        await ExpectFinishedAsync(page, iterations: 10);
        return job;
    }

    /// <summary>Advanced option "Start from: the photo": the picture resembles the photo from the first iteration on.</summary>
    public static async Task StartFromThePhotoAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Optimise" }).ClickAsync();
        await page.GetByText("Advanced").ClickAsync();
        await ChooseAsync(page, "Start from", "The photo");
    }

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and chooses the option with <paramref name="optionText"/>.</summary>
    public static async Task ChooseAsync(IPage page, string label, string optionText)
    {
        var select = page.Locator("div.mud-select").Filter(new() { HasText = label }).First;
        var option = page.Locator(".mud-popover-open").GetByText(optionText);
        // Under load a click can land while the panel is still expanding and open nothing: try again, not fail.
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            try
            {
                await option.WaitForAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
        // The same race on the way out: a click on an option still settling can leave the list open.
        for (var attempt = 1; ; attempt++)
        {
            await option.ClickAsync();
            try
            {
                await option.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
    }

    /// <summary>Chooses one of the studio's sample photos (by file name) and waits until the page shows it as chosen.</summary>
    public static async Task ChooseSampleAsync(IPage page, string name)
    {
        var sample = page.Locator($"[data-testid=sample-photo][data-name='{name}']");
        await sample.ClickAsync();
        await Assertions.Expect(sample).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("img.preview")).ToBeVisibleAsync();
    }

    public static async Task SetNumberAsync(IPage page, string testId, int value)
    {
        var input = page.Locator($"[data-testid={testId}] input");
        await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A screenshot for the README once every picture on screen has loaded; <paramref name="scale"/> Css keeps a
    /// high-density phone's picture at its CSS size (a third of the bytes' width at 3 device pixels a CSS px).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string fileName, bool fullPage = true, ScreenshotScale scale = ScreenshotScale.Device)
    {
        // Clicks scroll the page; a screenshot starts at the top, where a visitor arrives.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.WaitForFunctionAsync(
            "() => [...document.images].filter(i => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)",
            null, new() { Timeout = BrowserFixture.PatientMs });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath(fileName), FullPage = fullPage, Scale = scale });
    }
}
