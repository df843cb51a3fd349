namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Which tiles of a plan stand for the whole picture when only some can be sampled: stratified over the grid. The grid of
/// tiles is cut into at most <c>count</c> blocks of about equal size and shape (as square as the grid allows), and
/// each block gives its middle tile, so every part of the picture is represented and no two samples crowd together.
/// Deterministic: the same plan and count always give the same tiles.
/// </summary>
public static class SampleChoice
{
    /// <summary>
    /// The tiles <see cref="TileStatistics.Sampled"/> runs in lock-step for a <paramref name="width"/> × <paramref name="height"/>
    /// working picture: a plan of <see cref="FastStyleOptions.SampleCore"/> px cores over the mirror-padded picture, as
    /// many of its tiles as <see cref="TileSizing.SampleTilesFor"/> allows, spread over it.
    /// </summary>
    public static IReadOnlyList<Tile> For(int width, int height, FastStyleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plan = TilePlan.ForPicture(width, height, options.EdgePadding, options.SampleCore).Plan;
        return Stratified(plan, TileSizing.SampleTilesFor(width, height, plan, options));
    }

    /// <summary>
    /// The tiles a tiled painting of a <paramref name="width"/> × <paramref name="height"/> working picture runs in
    /// lock-step (<see cref="LockStepSample"/>): for <see cref="TileStatistics.Sampled"/> its sample (<see cref="For"/>);
    /// for <see cref="TileStatistics.Exact"/> every tile of the sample plan when they all fit the memory limit at once (one
    /// forward of about 1.6 times the picture's work gives the exact statistics, where the streaming passes take 7.4),
    /// else none (the streaming passes), and none when <see cref="FastStyleOptions.ExactInLockStep"/> is off; none for
    /// the others.
    /// </summary>
    public static IReadOnlyList<Tile> LockStep(int width, int height, FastStyleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TileStatistics == TileStatistics.Sampled) return For(width, height, options);
        if (options.TileStatistics != TileStatistics.Exact || !options.ExactInLockStep) return [];
        var plan = TilePlan.ForPicture(width, height, options.EdgePadding, options.SampleCore).Plan;
        var every = options with { SampleShare = 1, SampleGuided = false };
        return TileSizing.SampleTilesFor(width, height, plan, every) == plan.Tiles.Count ? plan.Tiles : [];
    }

    /// <summary>Up to <paramref name="count"/> tiles of <paramref name="plan"/>, row by row; all of them when count is at least the plan's.</summary>
    public static IReadOnlyList<Tile> Stratified(TilePlan plan, int count)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var columns = plan.Tiles.Count(t => t.Y == plan.Tiles[0].Y);
        var rows = plan.Tiles.Count / columns;
        if (count >= plan.Tiles.Count) return plan.Tiles;
        var (blockRows, blockColumns) = Blocks(rows, columns, count);
        var chosen = new List<Tile>(blockRows * blockColumns);
        for (var i = 0; i < blockRows; i++)
        {
            var row = (int)((i + 0.5) * rows / blockRows);
            for (var j = 0; j < blockColumns; j++) chosen.Add(plan.Tiles[row * columns + (int)((j + 0.5) * columns / blockColumns)]);
        }
        return chosen;
    }

    /// <summary>
    /// How to cut a <paramref name="rows"/> × <paramref name="columns"/> grid into at most <paramref name="count"/> blocks:
    /// the most blocks whose sides (in tiles) are within a factor of 2 of each other, the squarer of equally many; when no
    /// cut is that square (a long thin grid), the most blocks.
    /// </summary>
    internal static (int Rows, int Columns) Blocks(int rows, int columns, int count)
    {
        (int Rows, int Columns)? best = null;
        var bestShape = double.MaxValue;
        foreach (var squareOnly in (bool[])[true, false])
        {
            for (var r = 1; r <= Math.Min(rows, count); r++)
            {
                var c = Math.Min(columns, count / r);
                var shape = Math.Abs(Math.Log((double)rows / r / ((double)columns / c)));
                if (squareOnly && shape > Math.Log(2) + 1e-9) continue;
                var more = best is not { } b || r * c > b.Rows * b.Columns;
                if (more || (r * c == best!.Value.Rows * best.Value.Columns && shape < bestShape)) (best, bestShape) = ((r, c), shape);
            }
            if (best is { } found) return found;
        }
        return (1, 1);
    }
}
