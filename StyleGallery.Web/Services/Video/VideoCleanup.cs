using StyleGallery.Engine.Client;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Services.Video;

/// <summary>
/// Tells <see cref="VideoJobs"/> when a video job has ended, however it ended and whichever process queued it (a job
/// resumed after a restart ends here too), so its upload is deleted.
/// </summary>
public sealed class VideoCleanup(IStyleEngineClient engine, VideoJobs videos, ILogger<VideoCleanup> logger) : JobWatcher(engine, logger)
{
    protected override Task OnChangedAsync(JobState state, CancellationToken cancellationToken)
    {
        if (state is { Kind: JobKind.Video, IsFinished: true }) videos.Ended(state.Id);
        return Task.CompletedTask;
    }
}
