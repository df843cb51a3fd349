using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Video;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Video;

namespace StyleGallery.Tests.Web.Video;

public sealed class VideoPageTests : BunitPage
{
    private readonly FakeVideos _videos = new();
    private readonly FakeJobs _jobs = new();

    private const string Token = "browser-token-000000000";

    public VideoPageTests()
    {
        Services.AddSingleton<IStyleLibrary>(new FakeLibrary(
            new StyleSummary("mine", "Mine", null, null, "mine", false, null),
            new StyleSummary("wave", "The Great Wave", "Hokusai", null, "research", true, null)));
        Services.AddSingleton<IVideoJobs>(_videos);
        Services.AddSingleton<IJobNotifications>(_jobs);
        Services.AddSingleton(new StyleGalleryWebOptions());
        Services.AddSingleton(new BrowserOwner { Token = Token });
    }

    [Fact]
    public void A_chosen_clip_is_uploaded_with_the_first_fast_style_and_the_page_moves_to_its_job()
    {
        var page = Render<VideoPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3, 4], "holiday.mp4", contentType: "video/mp4"));

        page.Find("[data-testid=video-start]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/video?id=v1", Services.GetRequiredService<NavigationManager>().Uri));
        var (bytes, style, options) = Assert.Single(_videos.Started);
        Assert.Equal([1, 2, 3, 4], bytes);
        Assert.Equal(("wave", 480, true), (style, options.Look.MaxSide, options.KeepAudio));
        Assert.Equal(["browser-token-000000000"], _videos.Owners);
        Assert.Contains("holiday.mp4", page.Find("[data-testid=video-chosen]").TextContent);
    }

    [Fact]
    public void The_clip_is_painted_with_the_chosen_strength_and_colours()
    {
        var page = Render<VideoPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3, 4], "holiday.mp4", contentType: "video/mp4"));
        page.Find("[data-testid=fast-look] input[type=range]").Change("75");
        page.Find("[data-testid=fast-look] input[type=checkbox]").Change(true);

        page.Find("[data-testid=video-start]").Click();

        page.WaitForAssertion(() => Assert.Single(_videos.Started));
        var options = _videos.Started[0].Options;
        Assert.Equal((0.75, true), (options.Look.Strength, options.Look.PreserveColors));
        Assert.Contains("Keep the video's colours", page.Markup);
    }

    [Fact]
    public void A_refused_clip_shows_the_reason_and_stays_on_the_page()
    {
        _videos.Refusal = new UserFacingException("The file is not a video ffmpeg can read.");
        var page = Render<VideoPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1], "notes.mp4", contentType: "video/mp4"));

        page.Find("[data-testid=video-start]").Click();

        page.WaitForAssertion(() => Assert.Contains("not a video", page.Find("[data-testid=video-error]").TextContent));
        Assert.DoesNotContain("id=", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_running_video_shows_frames_rate_and_time_left_and_its_owner_can_cancel_it()
    {
        _jobs.Updates["v9"] = new JobUpdate("v9", JobKind.Video, JobStatus.Running, null, 30, 120, 10, null, Rate: 3, null, 2, null);
        _videos.Owned.Add(("v9", Token));
        var page = RenderAt("/video?id=v9");

        var progress = page.Find("[data-testid=video-progress]").TextContent;
        Assert.Contains("Frame 30 of 120 · 3.0 frames/s · about 0:30 left", progress);
        Assert.Equal("/jobs/v9/preview.png?v=2", page.Find("[data-testid=video-progress] img").GetAttribute("src"));
        page.Find("[data-testid=video-cancel]").Click();
        Assert.Equal([("v9", (string?)Token)], _videos.Cancelled);
    }

    [Theory]
    [InlineData("someone-else-0000000000")]
    [InlineData(null)]
    public void Another_browser_or_one_without_the_cookie_sees_the_progress_but_no_cancel(string? token)
    {
        _jobs.Updates["v9"] = new JobUpdate("v9", JobKind.Video, JobStatus.Running, null, 30, 120, 10, null, Rate: 3, null, 2, null);
        _videos.Owned.Add(("v9", "someone-else-000000000x"));
        Services.GetRequiredService<BrowserOwner>().Token = token;

        var page = RenderAt("/video?id=v9");

        Assert.Contains("Frame 30 of 120", page.Find("[data-testid=video-progress]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=video-cancel]"));
    }

    [Fact]
    public void A_finished_video_plays_for_anyone_with_the_link()
    {
        _videos.Finished.Add("v7");
        Services.GetRequiredService<BrowserOwner>().Token = "someone-else-0000000000";

        var page = RenderAt("/video?id=v7");

        Assert.Equal("/videos/v7.mp4", page.Find("[data-testid=video-result]").GetAttribute("src"));
        Assert.Empty(page.FindAll("[data-testid=video-cancel]"));
    }

    [Fact]
    public void A_finished_video_plays_and_downloads_from_its_file()
    {
        _videos.Finished.Add("v7");

        var page = RenderAt("/video?id=v7");

        Assert.Equal("/videos/v7.mp4", page.Find("[data-testid=video-result]").GetAttribute("src"));
    }

    [Fact]
    public void An_unknown_video_says_it_is_not_here()
    {
        var page = RenderAt("/video?id=gone");

        Assert.Contains("This video is not here", page.Find("[data-testid=video-unknown]").TextContent);
    }

    [Fact]
    public void Without_ffmpeg_the_page_says_so_and_paints_nothing()
    {
        _videos.Unavailable = "ffmpeg was not found on the PATH; video needs ffmpeg (Debian: apt-get install ffmpeg).";
        var page = Render<VideoPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([1, 2], "clip.mp4", contentType: "video/mp4"));

        Assert.Contains("apt-get install ffmpeg", page.Find("[data-testid=video-unavailable]").TextContent);
        Assert.True(page.Find("[data-testid=video-start]").HasAttribute("disabled"));
    }

    /// <summary>The id comes from the query string, as in the browser.</summary>
    private IRenderedComponent<VideoPage> RenderAt(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<VideoPage>();
    }

    private sealed class FakeVideos : IVideoJobs
    {
        public List<(byte[] Bytes, string Style, VideoOptions Options)> Started { get; } = [];
        public HashSet<string> Finished { get; } = [];
        public List<(string Id, string? Owner)> Cancelled { get; } = [];
        public HashSet<(string Id, string Owner)> Owned { get; } = [];
        public List<string?> Owners { get; } = [];
        public Exception? Refusal { get; set; }
        public string? Unavailable { get; set; }

        public string? WhyUnavailable() => Unavailable;

        public async Task<string> StartAsync(Stream upload, long length, string styleId, VideoOptions video, string? owner, CancellationToken cancellationToken)
        {
            if (Refusal is { } refusal) throw refusal;
            using var copy = new MemoryStream();
            await upload.CopyToAsync(copy, cancellationToken);
            Started.Add((copy.ToArray(), styleId, video));
            Owners.Add(owner);
            return "v1";
        }

        public bool IsFinished(string id) => Finished.Contains(id);

        public bool IsOwner(string id, string? owner) => owner is not null && Owned.Contains((id, owner));

        public Task<bool> CancelAsync(string id, string? owner)
        {
            Cancelled.Add((id, owner));
            return Task.FromResult(IsOwner(id, owner));
        }
    }

    private sealed class FakeJobs : IJobNotifications
    {
        public Dictionary<string, JobUpdate> Updates { get; } = [];

        public Task<JobUpdate?> CurrentAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(Updates.GetValueOrDefault(jobId));

        public IDisposable Subscribe(string? jobId, Func<JobUpdate, Task> handler) => new Nothing();

        private sealed class Nothing : IDisposable
        {
            public void Dispose() { }
        }
    }

    private sealed class FakeLibrary(params StyleSummary[] styles) : IStyleLibrary
    {
        public IReadOnlyList<StyleSummary> InstalledStyles() => styles;
    }
}
