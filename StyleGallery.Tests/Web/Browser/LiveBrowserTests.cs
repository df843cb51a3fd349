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

    [Fact]
    public async Task At_most_two_frames_are_in_flight_and_an_overtaken_answer_is_never_shown()
    {
        var page = await browser.NewPageAsync("/live?size=160");
        var (inFlight, most, held) = (0, 0, new List<long>());
        var gate = new Lock();
        page.Request += (_, r) =>
        {
            if (IsFrame(r)) lock (gate) most = Math.Max(most, ++inFlight);
        };
        page.RequestFinished += (_, r) =>
        {
            if (IsFrame(r)) lock (gate) inFlight--;
        };
        page.RequestFailed += (_, r) =>
        {
            if (IsFrame(r)) lock (gate) inFlight--;
        };
        // Every fourth frame is held back on its way, so the frames after it overtake it.
        await page.RouteAsync("**/api/live/frames?**", async route =>
        {
            var number = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(route.Request.Url).Query)["frame"] ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            if (number % 4 == 1)
            {
                lock (gate) held.Add(number);
                await Task.Delay(4000);
            }
            await route.ContinueAsync();
        });
        // Every frame number the picture shows, in order.
        await page.EvaluateAsync("""
            () => {
                const picture = document.querySelector('[data-testid=live-picture]');
                window.shownFrames = [];
                new MutationObserver(() => window.shownFrames.push(Number(picture.dataset.frame))).observe(picture, { attributes: true, attributeFilter: ['data-frame'] });
            }
            """);

        await page.GetByTestId("live-toggle").ClickAsync();

        await page.WaitForFunctionAsync("() => window.shownFrames.length >= 12", null, new() { Timeout = BrowserFixture.PatientMs * 2 });
        await Assertions.Expect(page.GetByTestId("live-rate")).ToHaveTextAsync(FramesPerSecond());
        await page.GetByTestId("live-toggle").ClickAsync();
        var shown = await page.EvaluateAsync<long[]>("() => window.shownFrames");
        lock (gate)
        {
            Assert.Equal(2, most); // two frames travel at once, never more
            Assert.True(shown.Zip(shown.Skip(1)).All(p => p.First < p.Second), $"frames shown out of order: {string.Join(", ", shown)}");
            // A held frame came back after later ones were shown, and was dropped.
            Assert.Contains(held, n => n < shown[^1] && !shown.Contains(n));
        }
    }

    private static bool IsFrame(IRequest request) => request.Url.Contains("/api/live/frames", StringComparison.Ordinal);

    [GeneratedRegex(@"^\d+\.\d frames/s · \d+ ms round trip$")]
    private static partial Regex FramesPerSecond();
}
