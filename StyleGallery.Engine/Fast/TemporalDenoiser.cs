using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// A temporal low-pass for a camera's frames, after the temporal part of ffmpeg's hqdn3d: each channel value moves
/// towards the previous denoised value at the same point of the scene by a share that falls off with their difference,
/// so sensor noise is averaged over a few frames and real change passes. Not in Johnson et al.: the networks turn
/// frame-to-frame noise into shimmer, about doubling it on a still scene (docs/video.md); video files are denoised by
/// ffmpeg instead.
/// </summary>
internal sealed class TemporalDenoiser
{
    /// <summary>The share of the previous value taken where nothing changed: noise is averaged over about four frames.</summary>
    private const double Strength = 0.75;

    /// <summary>
    /// Differences of a few grey levels are noise: the share is 0.54 at 8, 0.10 at 20 and 1 % at 30. On a photo with
    /// ±4 levels of noise a frame this more than halved the painted frames' change (TemporalDenoiserTests).
    /// </summary>
    private const double ToleranceLevels = 10;

    private static readonly int[] ShareOfPrevious = Enumerable.Range(0, 256)
        .Select(d => (int)Math.Round(256 * Strength * Math.Exp(-d * d / (2 * ToleranceLevels * ToleranceLevels))))
        .ToArray();

    private RgbImage? _previous;

    /// <summary>
    /// The denoised frame. <paramref name="cameraMove"/> is the camera's move since the previous frame (null: a new
    /// start, the frame passes as it is); points the camera brought into view pass as they are.
    /// </summary>
    public RgbImage Next(RgbImage frame, (int X, int Y)? cameraMove)
    {
        if (cameraMove is not { } move || _previous is not { } previous || previous.Width != frame.Width || previous.Height != frame.Height)
            return _previous = frame;
        var (width, height) = (frame.Width, frame.Height);
        var pixels = (byte[])frame.Pixels.Clone();
        for (var y = Math.Max(0, -move.Y); y < Math.Min(height, height - move.Y); y++)
            for (var x = Math.Max(0, -move.X); x < Math.Min(width, width - move.X); x++)
            {
                var (i, j) = ((y * width + x) * 3, ((y + move.Y) * width + x + move.X) * 3);
                for (var c = 0; c < 3; c++)
                {
                    var difference = previous.Pixels[j + c] - frame.Pixels[i + c];
                    pixels[i + c] = (byte)(frame.Pixels[i + c] + ((difference * ShareOfPrevious[Math.Abs(difference)] + 128) >> 8));
                }
            }
        return _previous = new RgbImage(width, height, pixels);
    }
}
