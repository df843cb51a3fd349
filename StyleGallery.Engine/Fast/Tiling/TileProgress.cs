namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// How far a tiled painting has got: <paramref name="Done"/> tile runs of <paramref name="Total"/>, in <paramref name="Stage"/>.
/// A run is one forward over one tile's window, whole or stopped early: the statistics may run tiles many times
/// (<see cref="TileStatistics.Exact"/>: once per instance-norm layer) or run tiles of their own, so the runs are not the
/// picture's tiles; <paramref name="Tiles"/> is how many tiles the picture is painted in.
/// </summary>
/// <param name="Stage">"statistics" while the whole picture's statistics are gathered, "painting" while tiles are painted.</param>
public sealed record TileProgress(int Done, int Total, string Stage, int Tiles = 0);
