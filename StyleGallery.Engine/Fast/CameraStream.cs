using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The frames of one camera (a video or a live camera) and what they carry from one frame to the next: the camera's
/// accumulated motion (<see cref="CameraShift"/>), so each frame enters the network's stride grid where the scene is
/// (<see cref="GridPhase"/>) and a panning scene keeps its brush strokes; and, for a raw camera that no ffmpeg has
/// denoised, a <see cref="TemporalDenoiser"/>. Fed its frames in order by one caller at a time (the engine's thread);
/// it keeps the last frame, which must not change.
/// </summary>
public sealed class CameraStream(bool denoise = false)
{
    private readonly TemporalDenoiser? _denoiser = denoise ? new TemporalDenoiser() : null;
    private RgbImage? _previous;
    private long _shiftX;
    private long _shiftY;

    /// <summary>The camera's accumulated shift since the first frame.</summary>
    public (long X, long Y) TotalShift => (_shiftX, _shiftY);

    /// <summary>The frame to paint (denoised, if this stream denoises) and its phase; a frame of another size starts again.</summary>
    public (RgbImage Frame, GridPhase Phase) Next(RgbImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var continues = _previous is { } previous && previous.Width == frame.Width && previous.Height == frame.Height;
        var (x, y) = continues ? CameraShift.Between(_previous!, frame) : (0, 0);
        (_shiftX, _shiftY) = continues ? (_shiftX + x, _shiftY + y) : (0, 0);
        _previous = frame;
        var cleaned = _denoiser?.Next(frame, continues ? (x, y) : null) ?? frame;
        return (cleaned, GridPhase.Of(_shiftX, _shiftY));
    }
}
