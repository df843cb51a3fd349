using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The frames of one camera (a video or a live camera) and what they carry from one frame to the next: the camera's
/// accumulated motion (<see cref="CameraShift"/>), so each frame enters the network's stride grid where the scene is
/// (<see cref="GridPhase"/>) and a panning scene keeps its brush strokes; and, for a raw camera that no ffmpeg has
/// denoised, a <see cref="TemporalDenoiser"/>. It keeps the last frame's spectrum (and the denoiser its last frame).
/// Safe to call from several threads: a live page keeps two frames of one camera in flight, and each call is one step
/// of the stream. Frames may carry their sequence number in the camera: one that arrives after a later frame (two
/// requests overtaking each other) is painted where it lies relative to the newest frame, and changes nothing.
/// </summary>
public sealed class CameraStream(bool denoise = false) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TemporalDenoiser? _denoiser = denoise ? new TemporalDenoiser() : null;
    private CameraShift.Spectrum? _previous;
    private long? _newest;
    private long _shiftX;
    private long _shiftY;

    /// <summary>The camera's accumulated shift since the first frame.</summary>
    public (long X, long Y) TotalShift
    {
        get
        {
            lock (_lock) return (_shiftX, _shiftY);
        }
    }

    /// <summary>The frame to paint (denoised, if this stream denoises) and its phase; a frame of another size starts again.</summary>
    /// <param name="sequence">
    /// The frame's number in its camera, counting up (null: frames are taken in the order they come). A frame numbered
    /// no later than one already taken is stale: painted at its place relative to the newest frame, not denoised, and
    /// the stream stays as it was.
    /// </param>
    public (RgbImage Frame, GridPhase Phase) Next(RgbImage frame, long? sequence = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var spectrum = CameraShift.Spectrum.Of(frame);
        lock (_lock)
        {
            var continues = _previous is { } previous && previous.SameSizeAs(spectrum);
            var (x, y) = continues ? CameraShift.Between(_previous!, spectrum) : (0, 0);
            if (sequence is { } stale && stale <= _newest)
            {
                spectrum.Dispose();
                return (frame, continues ? GridPhase.Of(_shiftX + x, _shiftY + y) : default);
            }
            if (sequence is not null) _newest = sequence;
            (_shiftX, _shiftY) = continues ? (_shiftX + x, _shiftY + y) : (0, 0);
            _previous?.Dispose();
            _previous = spectrum;
            var cleaned = _denoiser?.Next(frame, continues ? (x, y) : null) ?? frame;
            return (cleaned, GridPhase.Of(_shiftX, _shiftY));
        }
    }

    /// <summary>Lets go of the last frame's spectrum now rather than when the collector finds it; a later frame starts again.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _previous?.Dispose();
            _previous = null;
            _newest = null;
        }
    }
}
