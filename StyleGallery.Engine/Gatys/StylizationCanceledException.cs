using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Thrown when a run is cancelled. It is an <see cref="OperationCanceledException"/>, so ordinary cancellation handling
/// still works, and it carries the latest image so nothing computed is lost.
/// </summary>
public sealed class StylizationCanceledException(RgbImage latestImage, int completedIterations, CancellationToken token)
    : OperationCanceledException($"Stylization cancelled after {completedIterations} iterations; the latest image is attached.", token)
{
    public RgbImage LatestImage { get; } = latestImage;
    public int CompletedIterations { get; } = completedIterations;
}
