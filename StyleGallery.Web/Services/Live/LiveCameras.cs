using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Live;

/// <summary>
/// The live cameras the server follows, one <see cref="CameraStream"/> each, so a phone panning across a scene
/// keeps the scene's brush strokes and a still camera's noise is averaged away before the network (docs/video.md). A camera is named by the page (a random id per start) within its
/// browser's owner token. Each keeps its last frame, so there are at most <see cref="MaxCameras"/> (the longest unseen
/// goes first) and one unseen for <see cref="IdleLimit"/> is forgotten.
/// </summary>
public sealed class LiveCameras(TimeProvider time)
{
    public const int MaxCameras = 64;

    public const int MaxIdLength = 64;

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

    /// <summary>Whether a page's camera id can name a camera: 1 to 64 ASCII letters, digits or dashes.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The stream of <paramref name="owner"/>'s camera <paramref name="cameraId"/> (denoised), new if it is not followed yet.</summary>
    /// <exception cref="UserFacingException">The id is not a valid camera id.</exception>
    public CameraStream For(string owner, string cameraId)
    {
        if (!IsValidId(cameraId)) throw new UserFacingException($"A camera id is 1 to {MaxIdLength} letters, digits or dashes.");
        var key = owner + "/" + cameraId;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            ForgetIdle(now);
            var stream = _cameras.TryGetValue(key, out var known) ? known.Stream : new CameraStream(denoise: true);
            _cameras[key] = new Camera(stream, now);
            if (_cameras.Count > MaxCameras) _cameras.Remove(_cameras.MinBy(c => c.Value.LastSeen).Key);
            return stream;
        }
    }

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var (key, camera) in _cameras.Where(c => now - c.Value.LastSeen > IdleLimit).ToList())
            _cameras.Remove(key);
    }
}
