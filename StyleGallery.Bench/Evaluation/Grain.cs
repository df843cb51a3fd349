using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// How speckled a picture is (issue 21): the mean absolute 3×3 Laplacian (4-neighbour: up + down + left + right − 4·centre)
/// of its luminance (Rec. 601: 0.299 R + 0.587 G + 0.114 B) over the interior pixels. Its ratio to the painting's own
/// value, the painting resized to the picture's size, says whether the picture carries high frequencies the painting
/// does not have: about 1 reads as "the painting's own texture", 2.8 as grain.
/// </summary>
public static class Grain
{
    public static double MeanAbsoluteLaplacian(RgbImage image)
    {
        if (image.Width < 3 || image.Height < 3) throw new ArgumentException("The picture needs at least 3×3 pixels.", nameof(image));
        var luminance = Luminance(image);
        var (w, h) = (image.Width, image.Height);
        double sum = 0;
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var i = y * w + x;
                sum += Math.Abs(luminance[i - w] + luminance[i + w] + luminance[i - 1] + luminance[i + 1] - 4 * luminance[i]);
            }
        }
        return sum / ((double)(w - 2) * (h - 2));
    }

    /// <summary>The picture's grain over the painting's, the painting resized to the picture's size.</summary>
    public static double Ratio(RgbImage picture, RgbImage painting) =>
        MeanAbsoluteLaplacian(picture) / MeanAbsoluteLaplacian(ImageResizer.Resize(painting, picture.Width, picture.Height));

    private static double[] Luminance(RgbImage image)
    {
        var pixels = image.Pixels;
        var result = new double[image.Width * image.Height];
        for (var i = 0; i < result.Length; i++)
            result[i] = 0.299 * pixels[3 * i] + 0.587 * pixels[3 * i + 1] + 0.114 * pixels[3 * i + 2];
        return result;
    }
}
