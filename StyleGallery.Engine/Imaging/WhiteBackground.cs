namespace StyleGallery.Engine.Imaging;

/// <summary>Flattens unpremultiplied RGBA onto white, the way a browser shows a transparent picture on a page.</summary>
internal static class WhiteBackground
{
    /// <summary>
    /// Blends in the encoded (sRGB) values, as browsers and image editors do, so the result looks like
    /// what the user saw before uploading.
    /// </summary>
    public static RgbImage Flatten(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int s = 0, t = 0; t < rgb.Length; s += 4, t += 3)
        {
            var alpha = rgba[s + 3];
            rgb[t] = Blend(rgba[s], alpha);
            rgb[t + 1] = Blend(rgba[s + 1], alpha);
            rgb[t + 2] = Blend(rgba[s + 2], alpha);
        }
        return new RgbImage(width, height, rgb);
    }

    public static byte Blend(byte colour, byte alpha) =>
        (byte)((colour * alpha + 255 * (255 - alpha) + 127) / 255);
}
