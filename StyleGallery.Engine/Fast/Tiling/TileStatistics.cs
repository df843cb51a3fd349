namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Where the tiles' instance-norm statistics come from. Instance norm (Ulyanov et al. 2016) normalises each channel by
/// its mean and variance over the whole picture; a tile that used its own would be painted in its own key, and every
/// tile border would show (docs/poster.md).
/// </summary>
public enum TileStatistics
{
    /// <summary>
    /// The network runs once, untiled, on the picture scaled down to <see cref="FastStyleOptions.StatisticsPixels"/>, and
    /// every layer's mean and variance there stand for the whole picture's. Nearly free; an estimate.
    /// </summary>
    Downscaled,

    /// <summary>
    /// The whole picture's statistics, computed exactly: one streaming pass over the tiles per instance-norm layer, each
    /// running the tiles up to that layer with the already known statistics of the layers before it. About ten times
    /// the work of painting.
    /// </summary>
    Exact,

    /// <summary>Each tile's own statistics: the naive tiling, for comparison only (its seams are the measure's baseline).</summary>
    PerTile,
}
