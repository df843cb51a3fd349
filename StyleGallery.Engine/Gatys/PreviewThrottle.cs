namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Decides when a preview is due: at least N iterations and at least T since the last one, whichever comes later.
/// Only the current image is ever rendered, so a slow consumer sees the latest picture, never a backlog.
/// </summary>
internal sealed class PreviewThrottle(int everyIterations, TimeSpan minInterval)
{
    private int _lastIteration;
    private TimeSpan _lastTime;

    public bool IsDue(int iteration, TimeSpan elapsed)
    {
        if (iteration - _lastIteration < everyIterations || elapsed - _lastTime < minInterval) return false;
        (_lastIteration, _lastTime) = (iteration, elapsed);
        return true;
    }
}
