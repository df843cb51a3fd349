using StyleGallery.Engine.Video;

namespace StyleGallery.Web.Services.Video;

/// <summary>
/// The video page's view of video jobs (<see cref="VideoJobs"/>; a fake in the page's tests). A video's id is its
/// engine job's id, so its progress is that job's.
/// </summary>
public interface IVideoJobs
{
    /// <inheritdoc cref="VideoJobs.StartAsync"/>
    Task<string> StartAsync(Stream upload, long length, string styleId, VideoOptions video, string? owner, CancellationToken cancellationToken);

    /// <summary>Why no video can be painted on this server (ffmpeg is missing), or null when it can.</summary>
    string? WhyUnavailable();

    /// <summary>Whether the painted video is there to watch.</summary>
    bool IsFinished(string id);

    /// <inheritdoc cref="VideoJobs.CancelAsync"/>
    /// <remarks>Its upload and partial file are removed when the job ends.</remarks>
    Task<bool> CancelAsync(string id, string? owner);

    /// <inheritdoc cref="VideoJobs.IsOwner"/>
    bool IsOwner(string id, string? owner);
}
