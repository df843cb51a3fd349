namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// How a mirror-padded picture of <see cref="Width"/> × <see cref="Height"/> is cut into tiles whose cores partition it
/// and whose margins (<see cref="Overlap"/>) cover the network's receptive field.
/// <para>
/// With the whole picture's instance-norm statistics the network is a local operator: every output pixel depends only on
/// the input within <see cref="ReceptiveRadius"/> pixels. A tile's core painted with at least that much margin therefore
/// equals the untiled picture there, provided the tile sits on the same grid as the whole: the two stride-2 convolutions
/// make the network equivariant to shifts by 4 pixels only, and TensorFlow's "SAME" padding puts a stride-2 layer's
/// first output over input 0 or 1 depending on the parity of its input's size. So every tile starts at a multiple of 4
/// and has a size congruent to the whole picture's modulo 4 (its end is moved out by up to 3 pixels for that): then
/// each of its stride-2 layers pads exactly as the whole picture's does, and its outputs fall on the whole's grid.
/// A tile touching an edge of the picture starts or ends exactly there, where the whole's zero padding is.
/// </para>
/// </summary>
public sealed class TilePlan
{
    /// <summary>
    /// How far the pretrained network sees, in input pixels either way: 4 (conv1, 9×9) + 2 (conv2, stride 2) + 4 (conv3 at
    /// 1/2) + 10 × 4 (ten 3×3 convolutions at 1/4) + 4 + 2 (the two transposed convolutions) + 4 (conv4, 9×9) = 60.
    /// </summary>
    public const int ReceptiveRadius = 60;

    /// <summary>The margin each tile has beyond its core: the receptive radius, rounded up to the network's 4-pixel grid.</summary>
    public const int Overlap = 64;

    /// <summary>The network's downsampling: tiles start on multiples of it.</summary>
    public const int Grid = 4;

    /// <summary>The smallest core side: smaller tiles would be mostly margin.</summary>
    public const int MinCore = 32;

    private TilePlan(int width, int height, int core, IReadOnlyList<Tile> tiles) =>
        (Width, Height, Core, Tiles) = (width, height, core, tiles);

    public int Width { get; }

    public int Height { get; }

    /// <summary>The core side (a multiple of <see cref="Grid"/>); the last core of a row or column may be shorter.</summary>
    public int Core { get; }

    /// <summary>Row by row, top to bottom.</summary>
    public IReadOnlyList<Tile> Tiles { get; }

    /// <summary>The plan for a padded picture of <paramref name="width"/> × <paramref name="height"/> with cores of about <paramref name="core"/> pixels.</summary>
    public static TilePlan For(int width, int height, int core)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(core, MinCore);
        core -= core % Grid;
        var columns = Spans(width, core);
        var rows = Spans(height, core);
        var tiles = new List<Tile>(columns.Count * rows.Count);
        foreach (var y in rows)
        {
            foreach (var x in columns) tiles.Add(new Tile(tiles.Count, x, y, x.CoreEnd == width, y.CoreEnd == height));
        }
        return new TilePlan(width, height, core, tiles);
    }

    /// <summary>
    /// The plan <see cref="FastStylizer"/> paints a <paramref name="width"/> × <paramref name="height"/> working picture
    /// with, and where its borders fall in the picture (for measuring seams).
    /// </summary>
    public static (TilePlan Plan, IReadOnlyList<int> Columns, IReadOnlyList<int> Rows) ForPicture(int width, int height, int edgePadding, int core)
    {
        var (before, after) = FastStylizer.EdgePaddingFor(width, height, edgePadding);
        var plan = For(width + before + after, height + before + after, core);
        IReadOnlyList<int> Inside(bool across, int size) =>
            plan.Borders(across).Select(b => b - before).Where(b => b > 0 && b < size).ToList();
        return (plan, Inside(true, width), Inside(false, height));
    }

    /// <summary>Where cores meet across (x) or down (y), in padded coordinates: where a seam would be.</summary>
    public IReadOnlyList<int> Borders(bool across) =>
        Tiles.Select(t => across ? t.X.CoreStart : t.Y.CoreStart).Where(b => b > 0).Distinct().Order().ToList();

    /// <summary>The spans along one axis of <paramref name="size"/> pixels.</summary>
    internal static IReadOnlyList<AxisSpan> Spans(int size, int core)
    {
        var spans = new List<AxisSpan>();
        for (var coreStart = 0; coreStart < size; coreStart += core)
        {
            var coreEnd = Math.Min(size, coreStart + core);
            var start = Math.Max(0, coreStart - Overlap);
            var end = Math.Min(size, coreEnd + Overlap);
            if (end < size) end += (size - end) % Grid; // same size modulo 4 as the whole: same "SAME" padding
            spans.Add(new AxisSpan(start, end, coreStart, coreEnd));
        }
        return spans;
    }
}
