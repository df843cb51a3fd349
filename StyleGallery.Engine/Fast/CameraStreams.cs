namespace StyleGallery.Engine.Fast;

/// <summary>
/// The live cameras the engine follows, one <see cref="CameraStream"/> each, so a phone panning across a scene keeps
/// the scene's brush strokes and a still camera's noise is averaged away before the network (docs/video.md). A camera
/// is named by its host (e.g. a browser's owner token and the page's camera id). Each keeps its last frame, so there
/// are at most <see cref="MaxCameras"/> (the longest unseen goes first) and one unseen for <see cref="IdleLimit"/> is
/// forgotten.
/// </summary>
public sealed class CameraStreams(TimeProvider time)
{
    public const int MaxCameras = 64;

    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Camera> _cameras = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private sealed record Camera(CameraStream Stream, DateTimeOffset LastSeen);

    /// <summary>How many cameras are followed now.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _cameras.Count;
        }
    }

    /// <summary>The stream of the camera <paramref name="key"/> (denoised), new if it is not followed yet.</summary>
    public CameraStream For(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            ForgetIdle(now);
            var stream = _cameras.TryGetValue(key, out var known) ? known.Stream : new CameraStream(denoise: true);
            _cameras[key] = new Camera(stream, now);
            if (_cameras.Count > MaxCameras) Forget(_cameras.MinBy(c => c.Value.LastSeen).Key);
            return stream;
        }
    }

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var key in _cameras.Where(c => now - c.Value.LastSeen > IdleLimit).Select(c => c.Key).ToList())
            Forget(key);
    }

    /// <summary>A frame of the camera still being painted finishes; the stream's spectrum is released now, not by the collector.</summary>
    private void Forget(string key)
    {
        if (_cameras.Remove(key, out var camera)) camera.Stream.Dispose();
    }
}
