using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// The part of a tile's activation that belongs to its core, at whatever resolution the layer works (1, 1/2 or 1/4 of
/// the input). The tile starts on the whole picture's 4-pixel grid, so its core's start maps to a whole activation index
/// at every scale. A core at the picture's far edge takes the activation to its end: the whole's activations there run
/// past the picture (up-sampling makes 4·⌈⌈n/2⌉/2⌉ pixels), and those count in the whole's statistics too.
/// </summary>
internal static class CoreRegion
{
    /// <summary>A view (dispose it) of <paramref name="activation"/> [1,C,h,w] over <paramref name="tile"/>'s core.</summary>
    public static Tensor Of(Tensor activation, Tile tile)
    {
        var (top, rows) = Range(tile.Y, tile.LastY, activation.shape[2]);
        var (left, columns) = Range(tile.X, tile.LastX, activation.shape[3]);
        using var band = activation.narrow(2, top, rows);
        return band.narrow(3, left, columns);
    }

    /// <summary>Start and length of the core along one axis of an activation of <paramref name="size"/> pixels.</summary>
    internal static (long Start, long Length) Range(AxisSpan span, bool last, long size)
    {
        var scale = ScaleOf(span.Length, size);
        var start = span.CoreOffset / scale;
        var end = last ? size : (span.CoreEnd - span.Start) / scale;
        return (start, end - start);
    }

    /// <summary>
    /// 1, 2 or 4: which of the network's resolutions an activation of <paramref name="size"/> pixels is at, for a tile of
    /// <paramref name="input"/> pixels (down: n, ⌈n/2⌉, ⌈⌈n/2⌉/2⌉; up again: 2·⌈⌈n/2⌉/2⌉, 4·⌈⌈n/2⌉/2⌉).
    /// </summary>
    internal static int ScaleOf(long input, long size)
    {
        var half = (input + 1) / 2;
        var quarter = (half + 1) / 2;
        if (size == quarter) return 4;
        if (size == half || size == 2 * quarter) return 2;
        if (size == input || size == 4 * quarter) return 1;
        throw new InvalidOperationException($"An activation of {size} pixels fits no scale of a {input}-pixel tile.");
    }
}
