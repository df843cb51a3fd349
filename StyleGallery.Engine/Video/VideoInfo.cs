namespace StyleGallery.Engine.Video;

/// <summary>
/// What ffprobe says about a video's first video stream.
/// </summary>
/// <param name="Width">Displayed width (after the stream's rotation).</param>
/// <param name="Height">Displayed height (after the stream's rotation).</param>
/// <param name="FrameRate">Frames per second as ffmpeg writes it ("30000/1001"), so no rounding creeps into the timing.</param>
/// <param name="Duration">Null when the container does not say.</param>
/// <param name="HasAudio">Whether there is an audio stream to carry over.</param>
public sealed record VideoInfo(int Width, int Height, string FrameRate, TimeSpan? Duration, bool HasAudio)
{
    public double FramesPerSecond => ParseRate(FrameRate);

    /// <summary>Frames the video will give at <see cref="FrameRate"/>; null when the duration is unknown.</summary>
    public int? ExpectedFrames => Duration is { } d ? (int)Math.Round(d.TotalSeconds * FramesPerSecond) : null;

    internal static double ParseRate(string rate)
    {
        var parts = rate.Split('/');
        var numerator = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var denominator = parts.Length > 1 ? double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
