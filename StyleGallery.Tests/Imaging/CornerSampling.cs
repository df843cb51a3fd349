using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

internal static class CornerSampling
{
    /// <summary>A pixel well inside the named corner quadrant (TL, TR, BL, BR), away from JPEG block edges.</summary>
    public static (byte R, byte G, byte B) At(this RgbImage image, string corner)
    {
        var x = corner[1] == 'L' ? image.Width / 4 : 3 * image.Width / 4;
        var y = corner[0] == 'T' ? image.Height / 4 : 3 * image.Height / 4;
        return image[x, y];
    }
}
