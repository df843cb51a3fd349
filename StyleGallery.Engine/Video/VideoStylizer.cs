using System.Diagnostics;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Video;

/// <summary>
/// Stylises a video frame by frame with a fast style network (Johnson et al. 2016): ffmpeg decodes to raw RGB, each
/// frame goes through the network, ffmpeg encodes the result and carries the sound over. Frames are painted on their
/// own, as in the paper, but enter the network where the camera's motion puts them (<see cref="VideoOptions.FollowCamera"/>).
/// The file appears only when it is complete: it is written as <c>&lt;out&gt;.partial</c> and moved into place.
/// </summary>
public sealed class VideoStylizer(FastStylizer fast, FfmpegTools tools)
{
    /// <exception cref="VideoException">The options cannot paint, the input is no readable video or is too long, or ffmpeg failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is left at <paramref name="output"/>.</exception>
    public VideoResult Stylize(string input, string output, string styleId, VideoOptions options, IProgress<VideoProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.Problems() is { Count: > 0 } problems) throw new VideoException(string.Join(" ", problems));
        var container = VideoContainer.ForPath(output);
        var info = VideoProbe.Probe(tools, input);
        CheckFits(info, options);
        var (width, height) = FrameSize(info, options.Look.MaxSide);
        var partial = output + ".partial";
        try
        {
            var result = Paint(input, partial, container, styleId, options, info, width, height, progress, ct);
            File.Move(partial, output, overwrite: true);
            return result with { Path = output };
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Refuses, before any decoding, a video whose frames are too large or that is too long.</summary>
    /// <exception cref="VideoException">It does not fit <paramref name="options"/>; the message says which limit.</exception>
    public static void CheckFits(VideoInfo info, VideoOptions options)
    {
        if ((long)info.Width * info.Height > options.MaxSourcePixels)
            throw new VideoException($"The video's frames are {info.Width}×{info.Height}; at most {options.MaxSourcePixels / 1_000_000} megapixels (8K) can be read.");
        if (info.ExpectedFrames > options.MaxFrames)
            throw new VideoException($"The video has about {info.ExpectedFrames} frames; at most {options.MaxFrames} can be painted in one go.");
    }

    /// <summary>The frame size: the video's, scaled down to fit <paramref name="maxSide"/>, in even numbers (4:2:0 codecs need them).</summary>
    public static (int Width, int Height) FrameSize(VideoInfo info, int maxSide)
    {
        var (width, height) = ImageResizer.SizeWithLongestSide(info.Width, info.Height, Math.Min(maxSide, Math.Max(info.Width, info.Height)));
        return (Math.Max(2, width & ~1), Math.Max(2, height & ~1));
    }

    private VideoResult Paint(string input, string partial, VideoContainer container, string styleId, VideoOptions options, VideoInfo info, int width, int height,
        IProgress<VideoProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var audio = options.KeepAudio && info.HasAudio;
        using var reader = new VideoFrameReader(tools, input, width, height, info.FrameRate, options.Denoise);
        using var writer = new VideoFrameWriter(tools, partial, container, width, height, info.FrameRate, audio ? input : null);
        var camera = options.FollowCamera ? new CameraStream() : null;
        var frames = 0;
        while (reader.Next() is { } frame)
        {
            ct.ThrowIfCancellationRequested();
            if (frames == options.MaxFrames)
                throw new VideoException($"The video is longer than {options.MaxFrames} frames, the most that can be painted in one go.");
            var painted = fast.StylizeFrame(frame, styleId, options.Look, camera, ct);
            writer.Write(painted);
            frames++;
            progress?.Report(new VideoProgress(frames, info.ExpectedFrames, clock.Elapsed, painted));
        }
        if (frames == 0) throw new VideoException("The video has no frames.");
        writer.Complete();
        return new VideoResult(partial, width, height, frames, info.FrameRate, audio, clock.Elapsed);
    }
}
