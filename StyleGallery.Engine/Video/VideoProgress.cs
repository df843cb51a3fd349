using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Video;

/// <summary>One more frame painted.</summary>
/// <param name="TotalFrames">From the container's duration; null when it does not say.</param>
/// <param name="LatestFrame">The frame just painted, for a preview; a fresh image each time.</param>
public sealed record VideoProgress(int Frame, int? TotalFrames, TimeSpan Elapsed, RgbImage LatestFrame)
{
    public double FramesPerSecond => Elapsed > TimeSpan.Zero ? Frame / Elapsed.TotalSeconds : 0;
}
