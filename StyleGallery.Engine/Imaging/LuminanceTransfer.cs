namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Colour preservation by luminance-only transfer (Gatys, Bethge, Hertzmann &amp; Shechtman 2016, "Preserving Color in
/// Neural Artistic Style Transfer"): keep the stylised picture's luminance and the content photo's chroma, in YIQ.
/// </summary>
public static class LuminanceTransfer
{
    /// <summary>Y from <paramref name="luminanceSource"/>, I and Q from <paramref name="chromaSource"/> (same size).</summary>
    public static RgbImage Combine(RgbImage luminanceSource, RgbImage chromaSource)
    {
        if (luminanceSource.Width != chromaSource.Width || luminanceSource.Height != chromaSource.Height)
            throw new ArgumentException("Both images must have the same size; resize the content photo to the result first.");
        var lum = luminanceSource.Pixels;
        var chroma = chromaSource.Pixels;
        var output = new byte[lum.Length];
        for (var i = 0; i < lum.Length; i += 3)
        {
            var y = Luma(lum[i], lum[i + 1], lum[i + 2]);
            var (_, ci, cq) = ToYiq(chroma[i], chroma[i + 1], chroma[i + 2]);
            var (r, g, b) = FromYiq(y, ci, cq);
            output[i] = ToByte(r);
            output[i + 1] = ToByte(g);
            output[i + 2] = ToByte(b);
        }
        return new RgbImage(luminanceSource.Width, luminanceSource.Height, output);
    }

    /// <summary>The grey picture of an image's luminance, replicated into three channels.</summary>
    public static RgbImage LuminanceOnly(RgbImage image)
    {
        var src = image.Pixels;
        var output = new byte[src.Length];
        for (var i = 0; i < src.Length; i += 3)
            output[i] = output[i + 1] = output[i + 2] = ToByte(Luma(src[i], src[i + 1], src[i + 2]));
        return new RgbImage(image.Width, image.Height, output);
    }

    public static double Luma(double r, double g, double b) => 0.299 * r + 0.587 * g + 0.114 * b;

    public static (double Y, double I, double Q) ToYiq(double r, double g, double b) =>
        (Luma(r, g, b), 0.595716 * r - 0.274453 * g - 0.321263 * b, 0.211456 * r - 0.522591 * g + 0.311135 * b);

    public static (double R, double G, double B) FromYiq(double y, double i, double q) =>
        (y + 0.9563 * i + 0.6210 * q, y - 0.2721 * i - 0.6474 * q, y - 1.1070 * i + 1.7046 * q);

    private static byte ToByte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
