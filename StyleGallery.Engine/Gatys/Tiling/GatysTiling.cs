using StyleGallery.Engine.Networks;

namespace StyleGallery.Engine.Gatys.Tiling;

/// <summary>
/// One axis of one tile: the tile spans input pixels [<see cref="Start"/>, <see cref="End"/>) and owns the core
/// [<see cref="CoreStart"/>, <see cref="CoreEnd"/>). The tiles' cores partition the axis; the rest is halo.
/// </summary>
public readonly record struct GatysAxisTile(int Start, int End, int CoreStart, int CoreEnd)
{
    /// <summary>
    /// The core's positions at a layer after <paramref name="poolings"/> poolings, relative to the tile's own feature map.
    /// A core that ends at the picture's edge runs to the end of the whole map there (whose size is floored), as the
    /// untiled network's does; elsewhere the core's bounds lie on the pooling grid, so the division is exact.
    /// </summary>
    public (int Start, int End) CoreAt(int poolings, int length)
    {
        var origin = Start >> poolings;
        var end = CoreEnd == length ? length >> poolings : CoreEnd >> poolings;
        return ((CoreStart >> poolings) - origin, Math.Max(CoreStart >> poolings, end) - origin);
    }
}

/// <summary>One tile of a picture: its rows and its columns.</summary>
public sealed record GatysTile(GatysAxisTile Rows, GatysAxisTile Columns);

/// <summary>
/// How a Gatys evaluation cuts a picture: cores of <see cref="Core"/> pixels on the loss network's pooling grid
/// (<see cref="Grid"/>, 16 for four poolings), each seen with <see cref="Halo"/> more pixels each way (cut at the
/// picture's edges, where the tile then pads as the whole picture does). A halo at least the deepest layer's reach
/// (<see cref="VggLayout.InputReach"/>) makes every core feature the whole picture's feature exactly.
/// </summary>
public sealed record GatysTiling(int Core, int Halo, int Grid)
{
    /// <summary>
    /// The tiling of <paramref name="options"/>'s network with cores of about <paramref name="core"/> pixels (rounded down to
    /// the grid, at least one grid step) and the halo the receptive field needs, or <paramref name="halo"/> when given
    /// (rounded up to the grid; smaller halos are for measuring what they cost in accuracy).
    /// </summary>
    public static GatysTiling For(GatysOptions options, int core, int? halo = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = GridOf(options);
        // At least a pixel: the total variation of a core's last row and column reaches one pixel beyond.
        var reach = halo ?? Math.Max(1, ReachOf(options));
        return new GatysTiling(Math.Max(grid, core - core % grid), RoundUp(reach, grid), grid);
    }

    /// <summary>The pooling grid of the deepest layer the loss uses: 2^(its poolings).</summary>
    public static int GridOf(GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 1 << options.RequiredLayers.Max(l => VggLayout.Poolings(VggLayout.Find(options.Network, l)));
    }

    /// <summary>
    /// The halo, in input pixels, that a core feature of every layer the loss uses needs on each side: the reach of the
    /// deepest layer (relu5_1: 70 px before and 85 − 16 + 1 = 70 px after the core's last 16 px cell).
    /// </summary>
    public static int ReachOf(GatysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RequiredLayers.Max(l =>
        {
            var (before, after, stride) = VggLayout.InputReach(options.Network, VggLayout.Find(options.Network, l));
            return Math.Max(before, after - stride + 1);
        });
    }

    /// <summary>The tiles of an H×W picture, row by row; a picture no larger than one core is one tile without halo.</summary>
    public IReadOnlyList<GatysTile> Tiles(long height, long width)
    {
        var rows = Axis(checked((int)height));
        var columns = Axis(checked((int)width));
        return [.. rows.SelectMany(r => columns.Select(c => new GatysTile(r, c)))];
    }

    /// <summary>The tiles along one axis of <paramref name="length"/> pixels.</summary>
    public IReadOnlyList<GatysAxisTile> Axis(int length)
    {
        var tiles = new List<GatysAxisTile>();
        for (var start = 0; start < length; start += Core)
        {
            var end = Math.Min(length, start + Core);
            tiles.Add(new GatysAxisTile(Math.Max(0, start - Halo), Math.Min(length, end + Halo), start, end));
        }
        return tiles;
    }

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;
}
