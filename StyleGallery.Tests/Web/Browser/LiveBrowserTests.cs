using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The live page in Chromium with its fake camera (a moving test pattern): frames go round and come back painted.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed partial class LiveBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_camera_comes_back_painted_frame_after_frame_until_stopped()
    {
        var page = await browser.NewPageAsync("/live");

        await page.GetByTestId("live-toggle").ClickAsync();

        var picture = page.GetByTestId("live-picture");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0) >= 3",
            null, new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.GetByTestId("live-rate")).ToHaveTextAsync(FramesPerSecond(), new() { Timeout = BrowserFixture.PatientMs });
        // Frames name their camera, so the server follows its motion; one id for the whole run.
        var cameras = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var request = await page.WaitForRequestAsync(r => r.Url.Contains("/api/live/frames"), new() { Timeout = BrowserFixture.PatientMs });
            cameras.Add(System.Web.HttpUtility.ParseQueryString(new Uri(request.Url).Query)["camera"] ?? "");
        }
        Assert.Matches("^[0-9a-f-]{32,36}$", cameras[0]);
        Assert.Equal(cameras[0], cameras[1]);
        Assert.True(await picture.EvaluateAsync<int>("i => i.naturalWidth") is > 0 and <= 320);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("live-snapshot").ClickAsync());
        Assert.Matches(@"^stylegallery-live-udnie-.+\.jpg$", download.SuggestedFilename);
        var saved = ImageDecoder.DecodeFile(await download.PathAsync());
        Assert.Equal(await picture.EvaluateAsync<int>("i => i.naturalWidth"), saved.Width);
        await ScreenshotAsync(page, "live.png", fullPage: false);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByTestId("live-toggle").ClickAsync();

        await Assertions.Expect(page.GetByTestId("live-toggle")).ToContainTextAsync("Start the camera");
        await Assertions.Expect(page.GetByTestId("live-error")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^\d+\.\d frames/s$")]
    private static partial Regex FramesPerSecond();
}
