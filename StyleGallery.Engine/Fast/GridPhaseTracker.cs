using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Follows the camera from frame to frame (<see cref="CameraShift"/>) and says at which <see cref="GridPhase"/> each
/// frame should enter the network, so a scene the camera pans across keeps its brush strokes. One per video or camera,
/// fed its frames in order by one caller at a time (the engine's thread); it keeps the last frame, which must not change.
/// </summary>
public sealed class GridPhaseTracker
{
    private RgbImage? _previous;
    private long _shiftX;
    private long _shiftY;

    /// <summary>The camera's accumulated shift since the first frame.</summary>
    public (long X, long Y) TotalShift => (_shiftX, _shiftY);

    /// <summary>The phase for the next frame; a frame of another size starts the count again.</summary>
    public GridPhase Next(RgbImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_previous is { } previous && previous.Width == frame.Width && previous.Height == frame.Height)
        {
            var (x, y) = CameraShift.Between(previous, frame);
            _shiftX += x;
            _shiftY += y;
        }
        else
        {
            (_shiftX, _shiftY) = (0, 0);
        }
        _previous = frame;
        return GridPhase.Of(_shiftX, _shiftY);
    }
}
