namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// One tile's extent along one axis of the mirror-padded picture: the network sees [<paramref name="Start"/>,
/// <paramref name="End"/>) and only [<paramref name="CoreStart"/>, <paramref name="CoreEnd"/>) of what it paints is kept.
/// </summary>
public readonly record struct AxisSpan(int Start, int End, int CoreStart, int CoreEnd)
{
    public int Length => End - Start;

    /// <summary>Where the core starts within the tile.</summary>
    public int CoreOffset => CoreStart - Start;

    public int CoreLength => CoreEnd - CoreStart;
}
