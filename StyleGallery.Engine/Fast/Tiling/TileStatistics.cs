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
    /// The whole picture's statistics, computed exactly: by one lock-step forward over every tile of a plan
    /// (<see cref="LockStepSample"/>, about 1.6 forwards of work) when they all fit the memory limit at once, else by one
    /// streaming pass over the tiles per instance-norm layer, each running the tiles up to that layer with the already
    /// known statistics of the layers before it (about 7.4 forwards).
    /// </summary>
    Exact,

    /// <summary>Each tile's own statistics: the naive tiling, for comparison only (its seams are the measure's baseline).</summary>
    PerTile,

    /// <summary>
    /// One forward of the network over a sample of tiles in lock-step (<see cref="LockStepSample"/>): each instance-norm
    /// layer normalises every sample tile with the mean and variance of all their cores, which are recorded for the
    /// painting. Exact when the sample is every tile; otherwise (measured 2.7 to 25 grey levels off, docs/poster.md) as many tiles of
    /// <see cref="FastStyleOptions.SampleCore"/> px as the memory limit and <see cref="FastStyleOptions.SampleShare"/>
    /// allow, spread over the picture (<see cref="SampleChoice"/>).
    /// </summary>
    Sampled,
}
