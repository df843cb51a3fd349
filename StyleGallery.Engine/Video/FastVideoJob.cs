using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Video;

/// <summary>
/// A video through a fast style network, as a job: one progress report per frame (frames per second as its rate), the
/// newest frame as the preview. A run after a crash starts from the first frame again (the output appears only when
/// complete, so nothing half-made is ever seen).
/// </summary>
public sealed class FastVideoJob(VideoStylizer stylizer, string input, string output, string styleId, VideoOptions options) : EngineJob<VideoResult>
{
    public override string Kind => "video";

    public override string Description => $"Fast style '{styleId}' on the video {Path.GetFileName(input)}";

    public override VideoResult Run(JobContext context)
    {
        var progress = new SynchronousProgress<VideoProgress>(p =>
        {
            context.Report(p.Frame, p.TotalFrames ?? 0, rate: p.FramesPerSecond, message: $"Frame {p.Frame}");
            context.PublishPreview(p.LatestFrame);
        });
        return stylizer.Stylize(input, output, styleId, options, progress, context.Cancellation);
    }
}
