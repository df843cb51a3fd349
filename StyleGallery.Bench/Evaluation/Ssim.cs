using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Bench.Evaluation;

/// <summary>
/// The structural similarity index of Wang, Bovik, Sheikh &amp; Simoncelli 2004 ("Image Quality Assessment: From Error
/// Visibility to Structural Similarity"), with the paper's settings: an 11×11 Gaussian window of σ = 1.5, K1 = 0.01,
/// K2 = 0.03, L = 255, over the positions where the window fits. Colour pictures are measured per RGB channel and the
/// channels averaged, as scikit-image's <c>channel_axis</c> does. 1 means identical.
/// </summary>
public static class Ssim
{
    private const int Window = 11;
    private const double Sigma = 1.5;
    private const double C1 = 0.01 * 255 * (0.01 * 255);
    private const double C2 = 0.03 * 255 * (0.03 * 255);

    public static double Measure(RgbImage a, RgbImage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
            throw new ArgumentException($"The pictures must have the same size ({a.Width}×{a.Height} vs {b.Width}×{b.Height}).");
        if (Math.Min(a.Width, a.Height) < Window)
            throw new ArgumentException($"SSIM needs pictures of at least {Window}×{Window} px.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = ImageTensors.ToTensor(a, PixelScale.ZeroTo255).to(ScalarType.Float64);
        var y = ImageTensors.ToTensor(b, PixelScale.ZeroTo255).to(ScalarType.Float64);
        var window = GaussianWindow();
        Tensor Mean(Tensor t) => nn.functional.conv2d(t, window, groups: 3);
        var (muX, muY) = (Mean(x), Mean(y));
        var varianceX = Mean(x * x) - muX * muX;
        var varianceY = Mean(y * y) - muY * muY;
        var covariance = Mean(x * y) - muX * muY;
        var map = (2 * muX * muY + C1) * (2 * covariance + C2) / ((muX * muX + muY * muY + C1) * (varianceX + varianceY + C2));
        return map.mean().item<double>();
    }

    /// <summary>[3,1,11,11], each channel's window summing to one.</summary>
    private static Tensor GaussianWindow()
    {
        var offsets = arange(Window, ScalarType.Float64) - (Window - 1) / 2.0;
        var line = exp(-(offsets * offsets) / (2 * Sigma * Sigma));
        line /= line.sum();
        return outer(line, line).expand(3, 1, Window, Window).contiguous();
    }
}
