using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services.Live;

/// <summary>
/// Paints single camera frames for the live page: a JPEG in, a JPEG out, nothing stored. Each frame is an interactive
/// engine job, so it runs between two iterations of a long optimisation instead of waiting for it; the page sends the
/// next frame only when this one is back, so a slow machine lowers the frame rate instead of building a backlog.
/// </summary>
public sealed class LiveFrames(StyleGalleryEngine engine, ILogger<LiveFrames> logger)
{
    /// <summary>A camera frame at the largest live size is well under this as a JPEG.</summary>
    public const int MaxFrameBytes = 2 * 1024 * 1024;

    public const int MinSide = 64;

    /// <summary>Larger frames would take the 2-core engine well over a second each: that is no longer live.</summary>
    public const int MaxSide = 640;

    private const int JpegQuality = 85;

    /// <summary>
    /// Paints one frame at <paramref name="options"/>' size, colours and strength (its precision is ignored: the
    /// default's). Frames of one <paramref name="camera"/> follow its motion, so a moving phone keeps its strokes.
    /// </summary>
    /// <exception cref="UserFacingException">The frame is no picture, the size or strength is out of range, or the style cannot paint.</exception>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    public async Task<byte[]> PaintAsync(byte[] frame, string styleId, FastStyleOptions options, CameraStream? camera, CancellationToken cancellationToken)
    {
        if (options.MaxSide is < MinSide or > MaxSide) throw new UserFacingException($"The live size must be between {MinSide} and {MaxSide} pixels.");
        if (!StyleStrength.IsValid(options.Strength)) throw new UserFacingException("The style strength must be between 0 and 1.");
        var content = UploadDecoding.Decode(frame, MaxFrameBytes);
        options = new FastStyleOptions { MaxSide = options.MaxSide, PreserveColors = options.PreserveColors, Strength = options.Strength };
        var ticket = await EngineSubmissions.SubmitAsync(() => engine.SubmitLiveFrameAsync(content, styleId, options, camera, cancellationToken), styleId, logger);
        using var cancel = cancellationToken.Register(() => engine.Jobs.Cancel(ticket.Id));
        var job = await ticket.Completion;
        cancellationToken.ThrowIfCancellationRequested();
        if (job.Status != JobStatus.Succeeded || job.Result is not RgbImage painted)
        {
            logger.LogError("Live frame job {Job} ended as {Status}: {Error}", job.Id, job.Status, job.Error);
            throw new UserFacingException("Something went wrong while painting the camera picture.");
        }
        return ImageEncoder.Encode(painted, EncodedFormat.Jpeg, JpegQuality);
    }
}
