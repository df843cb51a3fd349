using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Video;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Video;

/// <summary>
/// Videos painted for the video page: the upload is kept under <c>data/videos/{id}.source</c> until its job ends, the
/// result is <c>data/videos/{id}.mp4</c>, served at <see cref="UrlOf"/>. The id is the engine job's, so the job, its
/// files and its page find each other after a restart too. The upload is probed before it is queued, so a file that is
/// no video is refused at once with a reason. A video is its browser's: only the owner cookie it was started with cancels
/// it (the id in a shared link shows its progress and result, nothing more); its owner is kept as <c>{id}.owner</c>
/// (<see cref="OwnerRecords"/>), so that holds after a restart too. <see cref="VideoCleanup"/> calls <see cref="Ended"/> when a job ends.
/// The web app's own limits on a video (its upload size, its frames) are <see cref="StyleGalleryWebOptions.MaxVideoUploadBytes"/>
/// and <see cref="StyleGalleryWebOptions.MaxVideoFrames"/>, its engine time <see cref="JobBudgets"/>; each browser's share is <see cref="OwnerLimits"/>'.
/// </summary>
public sealed class VideoJobs(
    IStyleEngineClient engine,
    OwnerLimits limits,
    StyleGalleryWebOptions web,
    ILogger<VideoJobs> logger,
    IClientRateLimiter? rateLimits = null,
    StorageQuota? storage = null) : IVideoJobs
{
    /// <summary>An upload still being received is written to all the time; one untouched this long has no one left to finish it.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    private readonly JobBudgets _budgets = new(web);

    private string Folder => Path.Combine(web.DataDirectory, "videos");

    public static string UrlOf(string id) => $"/videos/{id}.mp4";

    public string? WhyUnavailable() => engine.WhyVideoUnavailable();

    public bool IsFinished(string id) => Find(id) is not null;

    /// <summary>
    /// Stops the video's job when <paramref name="owner"/> is the browser that started it; false otherwise (another
    /// browser, none, an unknown video), and the video goes on.
    /// </summary>
    public async Task<bool> CancelAsync(string id, string? owner) => IsOwner(id, owner) && await engine.CancelAsync(id);

    /// <summary>Whether <paramref name="owner"/> (a browser's token) started the video <paramref name="id"/>.</summary>
    public bool IsOwner(string id, string? owner) => Owners.IsOwner(id, owner);

    /// <summary>Who started each video: the hash of its browser's token, beside its file; none for a video started without one.</summary>
    private OwnerRecords Owners => new(Folder);

    /// <summary>The finished video's file, or null.</summary>
    public string? Find(string id) =>
        JobIds.IsValid(id) && File.Exists(ResultPath(id)) ? ResultPath(id) : null;

    /// <summary>Stores the upload and queues its painting; returns the video's id, which is its job's.</summary>
    /// <param name="owner">The browser's token: each may have <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerOwner"/> videos on their way.</param>
    /// <exception cref="UserFacingException">Too large, no video, too long, an unknown style, or ffmpeg is missing.</exception>
    /// <exception cref="OwnerLimitException">This browser already has its share of videos being painted.</exception>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    public async Task<string> StartAsync(Stream upload, long length, string styleId, VideoOptions video, string? owner, CancellationToken cancellationToken)
    {
        if (storage is not null) await storage.EnsureRoomAsync(owner, cancellationToken); // before the upload is received
        rateLimits?.Acquire(RateLimitPolicy.Videos, owner);
        using var slot = limits.Reserve(owner, JobKind.Video); // before the upload is received: two at once cannot both pass
        if (length > web.MaxVideoUploadBytes)
            throw new UserFacingException($"The video is {length / (1024 * 1024)} MB; the limit is {web.MaxVideoUploadBytes / (1024 * 1024)} MB.");
        var id = JobIds.New();
        Directory.CreateDirectory(Folder);
        await DeleteExpiredAsync();
        var source = SourcePath(id);
        try
        {
            await using (var file = File.Create(source)) await upload.CopyToAsync(file, cancellationToken);
            var limited = video with { MaxFrames = Math.Min(video.MaxFrames, web.MaxVideoFrames) };
            CheckFits(source, limited, owner);
            slot.HoldFor(id); // before the job is queued: it may end before SubmitAsync returns
            // Its owner before the job too: the page the start leads to asks for it at once.
            if (owner is not null) await Owners.WriteAsync(id, owner, cancellationToken);
            var request = new VideoRequest(source, ResultPath(id), styleId, limited) { JobId = id };
            await EngineRefusals.AskWithFastStyleAsync(engine, styleId, () => engine.SubmitAsync(request, cancellationToken), logger);
            slot.Started();
            return id;
        }
        catch
        {
            Ended(id);
            Owners.Delete(id);
            throw;
        }
    }

    /// <summary>The video's job has ended (or never started): its upload goes.</summary>
    public void Ended(string id)
    {
        if (JobIds.IsValid(id)) File.Delete(SourcePath(id));
    }

    /// <summary>
    /// Removes painted videos older than <see cref="StyleGalleryWebOptions.VideoRetention"/>, and what a crash left
    /// behind (an upload or a half-written video whose job the engine does not have on its way, untouched for an hour);
    /// run before each new video.
    /// </summary>
    public async Task DeleteExpiredAsync()
    {
        if (!Directory.Exists(Folder)) return;
        var now = DateTime.UtcNow;
        var expired = Directory.EnumerateFiles(Folder, "*.mp4").Concat(Directory.EnumerateFiles(Folder, "*" + OwnerRecords.Extension))
            .Where(f => File.GetLastWriteTimeUtc(f) < now - web.VideoRetention).ToList();
        foreach (var file in Directory.EnumerateFiles(Folder).Where(IsWorkFile).Where(f => File.GetLastWriteTimeUtc(f) < now - LeftoverAge).ToList())
        {
            if (!await IsOnItsWayAsync(Path.GetFileName(file).Split('.')[0])) expired.Add(file);
        }
        foreach (var file in expired)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not delete the expired video file {File}", file);
            }
        }
    }

    private static bool IsWorkFile(string path) =>
        path.EndsWith(".source", StringComparison.Ordinal) || path.EndsWith(".partial", StringComparison.Ordinal);

    private async Task<bool> IsOnItsWayAsync(string id) => JobIds.IsValid(id) && await engine.GetAsync(id) is { IsFinished: false };

    /// <summary>Refuses a clip the engine would not finish: no video, or more frames than allowed. The upload's name on disk is ours, not the visitor's: the message speaks of "the file".</summary>
    /// <exception cref="JobBudgetException">The clip would cost more engine time than the owner's budget (<see cref="JobBudgets"/>).</exception>
    private void CheckFits(string source, VideoOptions video, string? owner)
    {
        try
        {
            var info = engine.ProbeVideo(source);
            VideoStylizer.CheckFits(info, video);
            var (width, height) = VideoStylizer.FrameSize(info, video.Look.MaxSide);
            _budgets.CheckVideo(info.ExpectedFrames ?? video.MaxFrames, width, height, owner);
        }
        catch (VideoException e)
        {
            var name = Path.GetFileName(source);
            throw new UserFacingException(e.Message.Replace($"'{name}'", "The file").Replace(name, "the file"), e);
        }
    }

    private string SourcePath(string id) => Path.Combine(Folder, id + ".source");

    private string ResultPath(string id) => Path.Combine(Folder, id + ".mp4");
}
