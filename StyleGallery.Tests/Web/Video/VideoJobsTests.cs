using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Video;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Video;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Video;

namespace StyleGallery.Tests.Web.Video;

/// <summary>
/// The video page's service on the real engine, through the contract: uploads stored, painted, served; bad uploads
/// refused at once; the upload removed and the browser's share given back when the job ends (<see cref="VideoCleanup"/>).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class VideoJobsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("videojobs-").FullName;
    private readonly StyleGalleryEngine _engine;
    private readonly List<JobWatcher> _watchers = [];

    public VideoJobsTests() => _engine = new StyleGalleryEngine(new EngineSettings
    {
        ModelsDirectory = Path.Combine(_root, "models"),
        MirrorDirectory = SharedData.Models,
        AllowDownloads = false,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.StopAsync(CancellationToken.None);
            watcher.Dispose();
        }
        _engine.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private IStyleEngineClient Engine => _engine;

    private string VideosFolder => Path.Combine(_root, "data", "videos");

    /// <summary>The service and, as in the app, the watchers that tidy up after its jobs and give their slots back.</summary>
    private VideoJobs Service(int maxFrames = 1800, long maxBytes = 200 * 1024 * 1024, int maxPerOwner = 2)
    {
        var web = new StyleGalleryWebOptions
        {
            DataDirectory = Path.Combine(_root, "data"), MaxVideoFrames = maxFrames, MaxVideoUploadBytes = maxBytes, MaxConcurrentJobsPerOwner = maxPerOwner,
        };
        var limits = new OwnerLimits(web);
        var videos = new VideoJobs(_engine, limits, web, NullLogger<VideoJobs>.Instance);
        Watch(new VideoCleanup(_engine, videos, NullLogger<VideoCleanup>.Instance));
        Watch(new OwnerLimitsRelease(_engine, limits, NullLogger<OwnerLimitsRelease>.Instance));
        return videos;
    }

    private void Watch(JobWatcher watcher)
    {
        watcher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _watchers.Add(watcher);
    }

    [Fact]
    public async Task An_uploaded_clip_is_painted_into_an_mp4_and_its_upload_is_removed()
    {
        var videos = Service();
        var clip = TestVideos.Pattern(_root, 64, 48, frames: 4, withTone: true);
        await using var upload = File.OpenRead(clip);

        var id = await videos.StartAsync(upload, upload.Length, "wave", new VideoOptions { Look = new() { MaxSide = 64 } }, "owner", CancellationToken.None);
        var job = await Engine.WaitUntilFinishedAsync(id);

        Assert.Equal((JobStatus.Succeeded, JobKind.Video), (job.Status, job.Kind));
        Assert.True(videos.IsFinished(id));
        Assert.Equal(["video", "audio"], TestVideos.StreamTypes(videos.Find(id)!));
        Assert.Equal(4, TestVideos.FramesOf(videos.Find(id)!, _root).Count);
        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(VideosFolder, id + ".source")), "the upload is deleted");
    }

    [Fact]
    public async Task A_file_that_is_no_video_is_refused_at_once_and_nothing_is_kept()
    {
        var videos = Service();
        using var upload = new MemoryStream("just some text"u8.ToArray());

        var error = await Assert.ThrowsAsync<UserFacingException>(() => videos.StartAsync(upload, upload.Length, "wave", new VideoOptions(), null, CancellationToken.None));

        Assert.StartsWith("The file is not a video ffmpeg can read", error.Message);
        Assert.DoesNotContain(_root, error.Message);
        Assert.DoesNotContain(".source", error.Message);
        Assert.Empty(Directory.GetFiles(VideosFolder));
    }

    [Fact]
    public async Task A_clip_over_the_frame_limit_is_refused_before_it_is_queued()
    {
        var videos = Service(maxFrames: 5);
        var clip = TestVideos.Pattern(_root, 32, 32, frames: 10);
        await using var upload = File.OpenRead(clip);

        var error = await Assert.ThrowsAsync<UserFacingException>(() => videos.StartAsync(upload, upload.Length, "wave", new VideoOptions(), null, CancellationToken.None));

        Assert.Contains("about 10 frames; at most 5", error.Message);
        Assert.Empty(Directory.GetFiles(VideosFolder));
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_without_reading_it()
    {
        var videos = Service(maxBytes: 1024);
        using var upload = new MemoryStream(new byte[4096]);

        var error = await Assert.ThrowsAsync<UserFacingException>(() => videos.StartAsync(upload, upload.Length, "wave", new VideoOptions(), null, CancellationToken.None));

        Assert.Contains("the limit is", error.Message);
        Assert.Equal(0, upload.Position);
    }

    [Fact]
    public async Task A_browser_gets_its_share_of_videos_at_a_time_and_another_when_one_is_done()
    {
        var videos = Service(maxPerOwner: 1);
        var clip = TestVideos.Pattern(_root, 48, 32, frames: 3);
        async Task<string> StartAsync(string owner)
        {
            await using var upload = File.OpenRead(clip);
            return await videos.StartAsync(upload, upload.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, owner, CancellationToken.None);
        }
        var first = await StartAsync("alice");

        var refusal = await Assert.ThrowsAsync<OwnerLimitException>(() => StartAsync("alice"));
        var bobs = await StartAsync("bob");

        Assert.Equal("You already have 1 video being painted; wait for one to finish or cancel it.", refusal.Message);
        await Engine.WaitUntilFinishedAsync(first);
        await Engine.WaitUntilFinishedAsync(bobs);
        Assert.True(videos.IsFinished(first));
        await StartsSoonAsync(() => StartAsync("alice"), "alice may start another video once hers is done");
    }

    [Fact]
    public async Task Of_many_uploads_at_once_from_one_browser_exactly_its_share_is_taken()
    {
        var videos = Service(maxPerOwner: 2);
        var clip = TestVideos.Pattern(_root, 48, 32, frames: 60);
        async Task<string?> StartAsync()
        {
            await Task.Yield();
            await using var upload = File.OpenRead(clip);
            try
            {
                return await videos.StartAsync(upload, upload.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, "dave", CancellationToken.None);
            }
            catch (OwnerLimitException)
            {
                return null;
            }
        }

        var started = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(StartAsync)))).OfType<string>().ToList();

        Assert.Equal(2, started.Count);
        foreach (var id in started) Assert.True(await videos.CancelAsync(id, "dave"));
        foreach (var id in started) await Engine.WaitUntilFinishedAsync(id);
    }

    /// <summary>The share is given back when the watcher sees the job's end, just after it: retry briefly.</summary>
    private static Task StartsSoonAsync(Func<Task<string>> start, string what) =>
        Eventually.TrueAsync(async () =>
        {
            try
            {
                await start();
                return true;
            }
            catch (OwnerLimitException)
            {
                return false;
            }
        }, what, TimeSpan.FromSeconds(5));

    [Fact]
    public void Ffmpeg_on_the_path_makes_video_available_and_an_empty_ffmpeg_folder_says_what_is_missing()
    {
        Assert.Null(Service().WhyUnavailable());
        using var engine = new StyleGalleryEngine(new EngineSettings { ModelsDirectory = Path.Combine(_root, "models"), FfmpegDirectory = _root });

        var web = new StyleGalleryWebOptions { DataDirectory = _root };
        var why = new VideoJobs(engine, new OwnerLimits(web), web, NullLogger<VideoJobs>.Instance).WhyUnavailable();

        Assert.Equal($"ffmpeg was not found in {_root}; video needs ffmpeg (Debian: apt-get install ffmpeg).", why);
    }

    [Fact]
    public async Task A_cancelled_video_s_upload_is_removed_and_its_browser_may_start_another()
    {
        var videos = Service(maxPerOwner: 1);
        var clip = TestVideos.Pattern(_root, 48, 32, frames: 60);
        await using var upload = File.OpenRead(clip);
        var id = await videos.StartAsync(upload, upload.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, "carol", CancellationToken.None);

        Assert.True(await videos.CancelAsync(id, "carol"));
        var job = await Engine.WaitUntilFinishedAsync(id);

        Assert.Equal(JobStatus.Cancelled, job.Status);
        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(VideosFolder, id + ".source")), "the upload is deleted");
        Assert.False(videos.IsFinished(id));
        await using var again = File.OpenRead(clip);
        await StartsSoonAsync(async () =>
        {
            again.Position = 0;
            return await videos.StartAsync(again, again.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, "carol", CancellationToken.None);
        }, "carol may start another video once hers is cancelled");
    }

    [Fact]
    public async Task Another_browser_or_none_cannot_cancel_a_video_and_it_finishes()
    {
        var videos = Service();
        var clip = TestVideos.Pattern(_root, 48, 32, frames: 60);
        await using var upload = File.OpenRead(clip);
        var id = await videos.StartAsync(upload, upload.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, "alice", CancellationToken.None);

        Assert.False(await videos.CancelAsync(id, "mallory"));
        Assert.False(await videos.CancelAsync(id, null));
        Assert.False(videos.IsOwner(id, "mallory"));
        Assert.False(videos.IsOwner(id, null));
        var job = await Engine.WaitUntilFinishedAsync(id);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.True(videos.IsFinished(id));
    }

    [Fact]
    public async Task The_owner_cancels_a_video_also_through_a_new_service_as_after_a_restart()
    {
        var clip = TestVideos.Pattern(_root, 48, 32, frames: 60);
        await using var upload = File.OpenRead(clip);
        var id = await Service().StartAsync(upload, upload.Length, "udnie", new VideoOptions { Look = new() { MaxSide = 48 } }, "alice", CancellationToken.None);
        var restarted = Service();

        Assert.True(restarted.IsOwner(id, "alice"));
        Assert.False(await restarted.CancelAsync(id, "mallory"));
        Assert.True(await restarted.CancelAsync(id, "alice"));
        var job = await Engine.WaitUntilFinishedAsync(id);

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.False(restarted.IsFinished(id));
        var record = File.ReadAllText(Path.Combine(VideosFolder, id + ".owner"));
        Assert.DoesNotContain("alice", record); // its hash only: a copy of the folder names nobody
    }

    [Fact]
    public async Task Videos_older_than_the_retention_are_deleted_and_newer_ones_kept()
    {
        Directory.CreateDirectory(VideosFolder);
        var (old, recent) = (Path.Combine(VideosFolder, ResultStoreId('a') + ".mp4"), Path.Combine(VideosFolder, ResultStoreId('b') + ".mp4"));
        var (oldOwner, recentOwner) = (Path.ChangeExtension(old, ".owner"), Path.ChangeExtension(recent, ".owner"));
        foreach (var file in new[] { old, recent, oldOwner, recentOwner }) File.WriteAllText(file, "bytes");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(oldOwner, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-6));
        File.SetLastWriteTimeUtc(recentOwner, DateTime.UtcNow.AddDays(-6));

        await Service().DeleteExpiredAsync();

        Assert.False(File.Exists(old));
        Assert.False(File.Exists(oldOwner));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(recentOwner));
    }

    [Fact]
    public async Task What_a_crash_left_behind_is_deleted_once_it_is_an_hour_old()
    {
        Directory.CreateDirectory(VideosFolder);
        var upload = Path.Combine(VideosFolder, ResultStoreId('c') + ".source");
        var halfWritten = Path.Combine(VideosFolder, ResultStoreId('d') + ".mp4.partial");
        var arriving = Path.Combine(VideosFolder, ResultStoreId('e') + ".source");
        foreach (var file in new[] { upload, halfWritten, arriving }) File.WriteAllText(file, "bytes");
        File.SetLastWriteTimeUtc(upload, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(halfWritten, DateTime.UtcNow.AddHours(-2));

        await Service().DeleteExpiredAsync();

        Assert.False(File.Exists(upload));
        Assert.False(File.Exists(halfWritten));
        Assert.True(File.Exists(arriving)); // still being received, perhaps
    }

    private static string ResultStoreId(char c) => new(c, 22);

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("AbCdEfGhIjKlMnOpQrStUv")]
    public void Unknown_or_malformed_ids_find_nothing(string id) => Assert.Null(Service().Find(id));
}
