namespace StyleGallery.Engine.Imaging;

/// <summary>What a file's header says, read without decoding any pixels.</summary>
/// <param name="Width">Stored width, before <paramref name="Orientation"/> is applied.</param>
/// <param name="Height">Stored height, before <paramref name="Orientation"/> is applied.</param>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, ExifOrientation Orientation)
{
    /// <summary>Whether standing the picture upright swaps width and height.</summary>
    public bool SwapsSides => ExifRotation.SwapsSides(Orientation);

    public int UprightWidth => SwapsSides ? Height : Width;

    public int UprightHeight => SwapsSides ? Width : Height;

    public long PixelCount => (long)Width * Height;
}
