namespace StyleGallery.Engine.Imaging;

/// <summary>
/// How strongly a fast style paints: a per-pixel mix of the photo and the network's picture, the "intensity" slider of
/// photo apps. Not in Johnson et al. (2016), where a network's strength is fixed when it is trained (one network per
/// style weight); mixing afterwards tones a style down without another network and costs one pass over the pixels.
/// The mix is in sRGB values, as the browser composites an image over another with opacity.
/// </summary>
public static class StyleStrength
{
    public const double Min = 0;
    public const double Max = 1;

    /// <summary>(1 − strength)·photo + strength·painted, per channel; the painted picture itself at full strength.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The strength is not within 0..1.</exception>
    /// <exception cref="ArgumentException">The pictures differ in size.</exception>
    public static RgbImage Mix(RgbImage photo, RgbImage painted, double strength)
    {
        if (!IsValid(strength))
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "The style strength must be between 0 (the photo) and 1 (the style at full strength).");
        if (photo.Width != painted.Width || photo.Height != painted.Height)
            throw new ArgumentException("The photo and the painted picture must have the same size.");
        if (strength == Max) return painted;
        var from = photo.Pixels;
        var to = painted.Pixels;
        var mixed = new byte[from.Length];
        for (var i = 0; i < mixed.Length; i++)
            mixed[i] = (byte)Math.Round(from[i] + strength * (to[i] - from[i]), MidpointRounding.AwayFromZero);
        return new RgbImage(photo.Width, photo.Height, mixed);
    }

    /// <summary>Within 0..1 (NaN is not): the one definition of the range, which <see cref="Fast.FastStyleOptions.Problems"/> checks.</summary>
    public static bool IsValid(double strength) => strength is >= Min and <= Max;
}
