using Microsoft.Playwright;
using StyleGallery.Tests.Video;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>The video page in Chromium: a small clip is uploaded, painted frame by frame, and the result plays in the page.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class VideoBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("video-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_uploaded_clip_is_painted_and_plays_in_the_page()
    {
        var clip = TestVideos.Pattern(_folder, 96, 64, frames: 8, withTone: true);
        var page = await browser.NewPageAsync("/video");

        await WaitForInputFileAsync(page, "[data-testid=video-file]");
        await page.GetByTestId("video-file").SetInputFilesAsync(clip);
        await Assertions.Expect(page.GetByTestId("video-chosen")).ToContainTextAsync("pattern.mkv");
        await page.GetByTestId("video-start").ClickAsync();

        var video = page.GetByTestId("video-result");
        await Assertions.Expect(video).ToBeVisibleAsync(new() { Timeout = BrowserFixture.PatientMs });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=video-result]').readyState >= 1", null, new() { Timeout = BrowserFixture.PatientMs });
        Assert.Equal(96, await video.EvaluateAsync<int>("v => v.videoWidth"));
        Assert.InRange(await video.EvaluateAsync<double>("v => v.duration"), 0.7, 0.9);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}
