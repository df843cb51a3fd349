namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>One tile of a <see cref="TilePlan"/>: its spans across (<paramref name="X"/>) and down (<paramref name="Y"/>).</summary>
/// <param name="LastX">Its core reaches the padded picture's right edge (its activations run to the network's own end).</param>
/// <param name="LastY">Its core reaches the padded picture's bottom edge.</param>
public sealed record Tile(int Index, AxisSpan X, AxisSpan Y, bool LastX, bool LastY);
