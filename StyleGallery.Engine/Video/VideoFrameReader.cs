using System.Globalization;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Video;

/// <summary>
/// Decodes a video into RGB frames of a chosen size at a constant frame rate (ffmpeg scales, rotates and duplicates
/// or drops frames of a variable-rate file, so frame k is at time k / rate and the sound stays in step).
/// </summary>
internal sealed class VideoFrameReader : IDisposable
{
    private readonly ToolProcess _ffmpeg;
    private readonly int _width;
    private readonly int _height;

    public VideoFrameReader(FfmpegTools tools, string path, int width, int height, string frameRate, bool denoise)
    {
        (_width, _height) = (width, height);
        var scale = string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=area");
        _ffmpeg = new ToolProcess(tools.Ffmpeg,
        [
            "-nostdin", "-v", "error", .. VideoInput.Options, "-i", VideoInput.Url(path), "-map", "0:v:0",
            "-vf", denoise ? scale + ",hqdn3d" : scale,
            "-fps_mode", "cfr", "-r", frameRate, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ]);
    }

    /// <summary>The next frame, or null at the end of the video.</summary>
    /// <exception cref="VideoException">ffmpeg stopped with an error, or in the middle of a frame.</exception>
    public RgbImage? Next()
    {
        var pixels = new byte[_width * _height * 3];
        var read = ReadFully(pixels);
        if (read == pixels.Length) return new RgbImage(_width, _height, pixels);
        var exit = _ffmpeg.WaitForExit();
        if (exit != 0) throw new VideoException($"ffmpeg could not decode the video: {_ffmpeg.ErrorTail}");
        if (read != 0) throw new VideoException("The video ended in the middle of a frame.");
        return null;
    }

    public void Dispose() => _ffmpeg.Dispose();

    private int ReadFully(byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _ffmpeg.Output.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
