using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Fast;

/// <summary>Decodes a shared content photo into an <see cref="RgbImage"/> scaled to fit a maximum side.</summary>
internal static class TestPhotos
{
    public static RgbImage Load(string path, int maxSide)
    {
        return ImageResizer.FitWithin(ImageDecoder.DecodeFile(path), maxSide);
    }

    /// <summary>Mean |difference| of the YIQ chroma channels (I and Q) between two same-sized images.</summary>
    public static (double I, double Q) MeanChromaDifference(RgbImage a, RgbImage b)
    {
        double sumI = 0, sumQ = 0;
        for (var i = 0; i < a.Pixels.Length; i += 3)
        {
            var (_, ia, qa) = LuminanceTransfer.ToYiq(a.Pixels[i], a.Pixels[i + 1], a.Pixels[i + 2]);
            var (_, ib, qb) = LuminanceTransfer.ToYiq(b.Pixels[i], b.Pixels[i + 1], b.Pixels[i + 2]);
            sumI += Math.Abs(ia - ib);
            sumQ += Math.Abs(qa - qb);
        }
        var pixels = a.Pixels.Length / 3;
        return (sumI / pixels, sumQ / pixels);
    }

    public static double MeanAbsoluteError(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)sum / a.Pixels.Length;
    }
}
