using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Client;

/// <summary>A photo (encoded) to paint with a fast style now.</summary>
/// <param name="MaxUploadBytes">Larger photos are refused before decoding.</param>
public sealed record FastRequest(byte[] Photo, string StyleId, FastStyleOptions Options, long MaxUploadBytes = ImageLimits.DefaultMaxBytes);

/// <summary>A painted picture: the PNG, its size, and the photo as the engine read it (EXIF-rotated, at the working size), as PNG.</summary>
public sealed record FastPicture(byte[] Png, int Width, int Height, byte[] PhotoPng, TimeSpan Elapsed);

/// <summary>
/// One camera frame (a JPEG) to paint now. <paramref name="CameraKey"/> names the camera within its host (for example
/// the browser's owner and the page's camera id): its frames follow the camera's motion; null paints the frame alone.
/// <paramref name="Sequence"/> numbers the camera's frames, counting up: with two frames of a camera in flight, one
/// that arrives after a later one is painted without moving the camera's state back (null: frames in arrival order).
/// </summary>
public sealed record LiveFrameRequest(byte[] Frame, string StyleId, FastStyleOptions Options, string? CameraKey, long? Sequence = null)
{
    /// <summary>A camera frame at the largest live size is well under this as a JPEG.</summary>
    public const int MaxFrameBytes = 2 * 1024 * 1024;

    public const int MinSide = 64;

    /// <summary>Larger frames would take a 2-core engine well over a second each: that is no longer live.</summary>
    public const int MaxSide = 640;
}
