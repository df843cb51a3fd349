using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// Whether tile borders show: the gradient energy (squared difference of neighbouring pixels, summed over the channels)
/// across the borders, divided by that across every other pair of neighbours at the same place on the network's 4-pixel
/// grid (the up-sampling paints a faint 4-pixel pattern, so pairs elsewhere on the grid are not a fair reference).
/// 1 means no seam; a tile painted in its own key makes a step at its border and the ratio rises well above 1.
/// </summary>
public static class SeamMeasure
{
    private const int Grid = 4;

    /// <param name="columns">x of the first pixel right of each vertical border.</param>
    /// <param name="rows">y of the first pixel below each horizontal border.</param>
    public static double Ratio(RgbImage image, IReadOnlyCollection<int> columns, IReadOnlyCollection<int> rows)
    {
        ArgumentNullException.ThrowIfNull(image);
        var across = Sums(image, columns, vertical: true);
        var down = Sums(image, rows, vertical: false);
        var border = (across.Border + down.Border) / Math.Max(1, across.BorderPairs + down.BorderPairs);
        var elsewhere = (across.Other + down.Other) / Math.Max(1, across.OtherPairs + down.OtherPairs);
        return elsewhere == 0 ? 1 : border / elsewhere;
    }

    private static (double Border, long BorderPairs, double Other, long OtherPairs) Sums(RgbImage image, IReadOnlyCollection<int> borders, bool vertical)
    {
        if (borders.Count == 0) return (0, 0, 0, 0);
        var phase = borders.First() % Grid;
        var length = vertical ? image.Width : image.Height;
        double border = 0, other = 0;
        long borderPairs = 0, otherPairs = 0;
        for (var at = phase == 0 ? Grid : phase; at < length; at += Grid)
        {
            var energy = LineEnergy(image, at, vertical);
            var pairs = vertical ? image.Height : image.Width;
            if (borders.Contains(at)) (border, borderPairs) = (border + energy, borderPairs + pairs);
            else (other, otherPairs) = (other + energy, otherPairs + pairs);
        }
        return (border, borderPairs, other, otherPairs);
    }

    /// <summary>Sum of squared differences between line <paramref name="at"/> − 1 and line <paramref name="at"/>.</summary>
    private static double LineEnergy(RgbImage image, int at, bool vertical)
    {
        var p = image.Pixels;
        double sum = 0;
        var count = vertical ? image.Height : image.Width;
        for (var i = 0; i < count; i++)
        {
            var (a, b) = vertical
                ? (((i * image.Width) + at - 1) * 3, ((i * image.Width) + at) * 3)
                : ((((at - 1) * image.Width) + i) * 3, ((at * image.Width) + i) * 3);
            for (var c = 0; c < 3; c++)
            {
                double d = p[a + c] - p[b + c];
                sum += d * d;
            }
        }
        return sum;
    }
}
