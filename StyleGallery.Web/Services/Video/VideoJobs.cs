using System.Collections.Concurrent;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Video;

namespace StyleGallery.Web.Services.Video;

/// <summary>
/// Videos painted for the video page: the upload is kept under <c>data/videos/{id}.source</c> until its job ends, the
/// result is <c>data/videos/{id}.mp4</c>, served at <see cref="UrlOf"/>. The upload is probed before it is queued, so
/// a file that is no video is refused at once with a reason.
/// </summary>
public sealed class VideoJobs(StyleGalleryEngine engine, StyleGalleryWebOptions web, ILogger<VideoJobs> logger) : IVideoJobs
{
    private readonly ConcurrentDictionary<string, string> _jobOfVideo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _activeByOwner = new(StringComparer.Ordinal);

    private string Folder => Path.Combine(web.DataDirectory, "videos");

    public static string UrlOf(string id) => $"/videos/{id}.mp4";

    public string? JobOf(string id) => _jobOfVideo.GetValueOrDefault(id);

    public string? WhyUnavailable()
    {
        try
        {
            FfmpegTools.Locate(engine.Settings.FfmpegDirectory);
            return null;
        }
        catch (VideoException e)
        {
            return e.Message;
        }
    }

    public bool IsFinished(string id) => Find(id) is not null;

    public void Cancel(string id)
    {
        if (JobOf(id) is { } job) engine.Jobs.Cancel(job);
    }

    /// <summary>The finished video's file, or null.</summary>
    public string? Find(string id) =>
        ResultStore.IsValidId(id) && File.Exists(ResultPath(id)) ? ResultPath(id) : null;

    /// <summary>Stores the upload and queues its painting; returns the video's id.</summary>
    /// <param name="owner">The browser's token: each may have <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerOwner"/> videos on their way.</param>
    /// <exception cref="UserFacingException">Too large, no video, too long, an unknown style, or ffmpeg is missing.</exception>
    /// <exception cref="OwnerLimitException">This browser already has its share of videos being painted.</exception>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    public async Task<string> StartAsync(Stream upload, long length, string styleId, VideoOptions video, string? owner, CancellationToken cancellationToken)
    {
        if (owner is not null && ActiveOf(owner) >= web.MaxConcurrentJobsPerOwner) throw new OwnerLimitException(web.MaxConcurrentJobsPerOwner, "video");
        if (length > web.MaxVideoUploadBytes)
            throw new UserFacingException($"The video is {length / (1024 * 1024)} MB; the limit is {web.MaxVideoUploadBytes / (1024 * 1024)} MB.");
        var id = ResultStore.NewId();
        Directory.CreateDirectory(Folder);
        DeleteExpired();
        var source = SourcePath(id);
        try
        {
            await using (var file = File.Create(source)) await upload.CopyToAsync(file, cancellationToken);
            var limited = video with { MaxFrames = Math.Min(video.MaxFrames, web.MaxVideoFrames) };
            var ticket = await SubmitAsync(source, id, styleId, limited, cancellationToken);
            _jobOfVideo[id] = ticket.Id;
            Count(owner, +1);
            _ = ticket.Completion.ContinueWith(_ =>
            {
                Count(owner, -1);
                File.Delete(source);
            }, TaskScheduler.Default);
            return id;
        }
        catch
        {
            File.Delete(source);
            throw;
        }
    }

    private Task<JobTicket> SubmitAsync(string source, string id, string styleId, VideoOptions video, CancellationToken cancellationToken) =>
        EngineSubmissions.SubmitAsync(async () =>
        {
            VideoStylizer.CheckFits(Probe(source), video);
            return await engine.SubmitVideoAsync(source, ResultPath(id), styleId, video, cancellationToken);
        }, styleId, logger);

    /// <summary>The upload's name on disk is ours, not the visitor's: the message speaks of "the file".</summary>
    private VideoInfo Probe(string source)
    {
        try
        {
            return VideoProbe.Probe(FfmpegTools.Locate(engine.Settings.FfmpegDirectory), source);
        }
        catch (VideoException e)
        {
            var name = Path.GetFileName(source);
            throw new UserFacingException(e.Message.Replace($"'{name}'", "The file").Replace(name, "the file"), e);
        }
    }

    /// <summary>
    /// Removes painted videos older than <see cref="StyleGalleryWebOptions.VideoRetention"/>, and what a crash or restart
    /// left behind (an upload or a half-written video whose job this process does not know, untouched for an hour);
    /// run before each new video.
    /// </summary>
    public void DeleteExpired()
    {
        if (!Directory.Exists(Folder)) return;
        var now = DateTime.UtcNow;
        var expired = Directory.EnumerateFiles(Folder, "*.mp4").Where(f => File.GetLastWriteTimeUtc(f) < now - web.VideoRetention);
        var leftovers = Directory.EnumerateFiles(Folder)
            .Where(f => f.EndsWith(".source", StringComparison.Ordinal) || f.EndsWith(".partial", StringComparison.Ordinal))
            .Where(f => !_jobOfVideo.ContainsKey(Path.GetFileName(f).Split('.')[0]) && File.GetLastWriteTimeUtc(f) < now - LeftoverAge);
        foreach (var file in expired.Concat(leftovers).ToList())
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

    /// <summary>An upload still being received is written to all the time; one untouched this long has no one left to finish it.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    private int ActiveOf(string owner)
    {
        lock (_activeByOwner) return _activeByOwner.GetValueOrDefault(owner);
    }

    private void Count(string? owner, int change)
    {
        if (owner is null) return;
        lock (_activeByOwner)
        {
            var active = _activeByOwner.GetValueOrDefault(owner) + change;
            if (active > 0) _activeByOwner[owner] = active;
            else _activeByOwner.Remove(owner);
        }
    }

    private string SourcePath(string id) => Path.Combine(Folder, id + ".source");

    private string ResultPath(string id) => Path.Combine(Folder, id + ".mp4");
}
