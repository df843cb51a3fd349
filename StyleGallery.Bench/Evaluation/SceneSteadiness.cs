using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// How steadily a video paints a scene its camera moves across: a painted point of the scene should keep its colour
/// from frame to frame. With the camera's move known in whole pixels (synthetic clips), this is the warping error of
/// Lai et al. (2018, "Learning Blind Video Temporal Consistency") with exact flow and no occlusions but the edges.
/// </summary>
public static class SceneSteadiness
{
    /// <summary>
    /// The mean absolute difference, in grey levels per channel, of later(x, y) and earlier(x + dx, y + dy) for a camera
    /// that moved (<paramref name="dx"/>, <paramref name="dy"/>) between the two frames, over the points at least
    /// <paramref name="margin"/> pixels inside both frames (where a network sees the edge, a change is expected).
    /// </summary>
    public static double ShiftedDifference(RgbImage earlier, RgbImage later, int dx, int dy, int margin)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.Width != later.Width || earlier.Height != later.Height)
            throw new ArgumentException($"Frames of {earlier.Width}×{earlier.Height} and {later.Width}×{later.Height} cannot be compared.");
        var (sum, count) = (0L, 0L);
        for (var y = Math.Max(margin, margin - dy); y < Math.Min(later.Height - margin, later.Height - margin - dy); y++)
            for (var x = Math.Max(margin, margin - dx); x < Math.Min(later.Width - margin, later.Width - margin - dx); x++)
            {
                var (i, j) = ((y * later.Width + x) * 3, ((y + dy) * earlier.Width + x + dx) * 3);
                for (var c = 0; c < 3; c++) sum += Math.Abs(later.Pixels[i + c] - earlier.Pixels[j + c]);
                count += 3;
            }
        if (count == 0) throw new ArgumentException($"A move of ({dx}, {dy}) leaves no common points {margin} pixels inside {later.Width}×{later.Height} frames.");
        return (double)sum / count;
    }
}
