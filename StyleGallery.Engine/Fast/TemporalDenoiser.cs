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
        // Row by row over spans: the same arithmetic as a loop over (x, y, c) without its bounds checks and index sums,
        // which made this a few milliseconds of every 640×360 frame.
        var (left, right) = (Math.Max(0, -move.X), Math.Min(width, width - move.X));
        if (right <= left) return _previous = new RgbImage(width, height, pixels);
        var share = ShareOfPrevious.AsSpan();
        for (var y = Math.Max(0, -move.Y); y < Math.Min(height, height - move.Y); y++)
        {
            var length = (right - left) * 3;
            var current = frame.Pixels.AsSpan((y * width + left) * 3, length);
            var before = previous.Pixels.AsSpan(((y + move.Y) * width + left + move.X) * 3, length);
            var output = pixels.AsSpan((y * width + left) * 3, length);
            for (var i = 0; i < current.Length; i++)
            {
                var difference = before[i] - current[i];
                output[i] = (byte)(current[i] + ((difference * share[Math.Abs(difference)] + 128) >> 8));
            }
        }
        return _previous = new RgbImage(width, height, pixels);
    }
}
