namespace StyleGallery.Engine.Imaging;

/// <summary>
/// How big an uploaded picture may be. Pixel limits are checked against the header before any pixel is
/// decoded, so a tiny file that declares a huge canvas (a decompression bomb) costs nothing.
/// </summary>
/// <param name="MaxBytes">Largest encoded file accepted.</param>
/// <param name="MaxPixels">Largest width × height accepted; decoding needs about 7 bytes per pixel.</param>
/// <param name="MaxSide">Longest width or height accepted, whatever the area.</param>
public sealed record ImageLimits(long MaxBytes = ImageLimits.DefaultMaxBytes, long MaxPixels = 50_000_000, int MaxSide = 16384)
{
    /// <summary>
    /// The largest upload by default, everywhere: the engine's requests, the web app's setting and its photo box.
    /// A 50-megapixel JPEG straight from a camera is well under it.
    /// </summary>
    public const long DefaultMaxBytes = 25L * 1024 * 1024;

    public static ImageLimits Default { get; } = new();

    /// <summary>
    /// A poster's photo, for the fast path that paints in tiles (the CLI's <c>fast</c>): 100 megapixels, 16384 pixels a
    /// side and a 256 MB file. The pixel limits are still read from the header before any pixel is decoded.
    /// </summary>
    public static ImageLimits Poster { get; } = new(256L * 1024 * 1024, 100_000_000, 16384);
}
