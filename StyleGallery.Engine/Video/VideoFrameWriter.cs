using System.Globalization;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Video;

/// <summary>
/// Encodes RGB frames into a video file, taking the sound (if any) from the source video. Frames arrive on ffmpeg's
/// standard input as raw RGB; nothing but the finished file is written.
/// </summary>
internal sealed class VideoFrameWriter : IDisposable
{
    private readonly ToolProcess _ffmpeg;
    private readonly int _width;
    private readonly int _height;

    public VideoFrameWriter(FfmpegTools tools, string output, VideoContainer container, int width, int height, string frameRate, string? audioFrom)
    {
        (_width, _height) = (width, height);
        List<string> arguments =
        [
            "-nostdin", "-v", "error", "-y",
            "-protocol_whitelist", "pipe", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"), "-framerate", frameRate, "-i", "pipe:0",
        ];
        // The source's own tags (title, language, handler names, the recording device's) are not ours to pass on.
        if (audioFrom is not null)
            arguments.AddRange([.. VideoInput.Options, "-i", VideoInput.Url(audioFrom), "-map", "0:v:0", "-map", "1:a:0", "-map_metadata", "-1", "-map_metadata:s:a", "-1", .. container.AudioCodec, "-shortest"]);
        arguments.AddRange([.. container.VideoCodec, "-f", container.Format, output]);
        _ffmpeg = new ToolProcess(tools.Ffmpeg, arguments, redirectInput: true);
    }

    /// <exception cref="VideoException">ffmpeg stopped taking frames (a full disk, a codec error).</exception>
    public void Write(RgbImage frame)
    {
        if (frame.Width != _width || frame.Height != _height)
            throw new ArgumentException($"Frames must be {_width}×{_height}; this one is {frame.Width}×{frame.Height}.", nameof(frame));
        try
        {
            _ffmpeg.Input.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            throw new VideoException($"ffmpeg stopped taking frames: {WhyStopped()}", e);
        }
    }

    /// <summary>Ends the input and waits for ffmpeg to finish the file.</summary>
    /// <exception cref="VideoException">ffmpeg failed.</exception>
    public void Complete()
    {
        try
        {
            _ffmpeg.Input.Close();
        }
        catch (IOException)
        {
            // ffmpeg already left; its exit code says why.
        }
        if (_ffmpeg.WaitForExit() != 0) throw new VideoException($"ffmpeg could not write the video: {_ffmpeg.ErrorTail}");
    }

    public void Dispose() => _ffmpeg.Dispose();

    private string WhyStopped()
    {
        _ffmpeg.WaitForExit();
        return _ffmpeg.ErrorTail;
    }
}
