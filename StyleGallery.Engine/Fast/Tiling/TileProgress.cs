namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>How far a tiled painting has got: <paramref name="Done"/> tile runs of <paramref name="Total"/>, in <paramref name="Stage"/>.</summary>
/// <param name="Stage">"statistics" while the whole picture's statistics are gathered, "painting" while tiles are painted.</param>
public sealed record TileProgress(int Done, int Total, string Stage);
