using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Video;

/// <summary>
/// The whole-pixel translation between two frames by phase correlation (Kuglin &amp; Hines 1975): the peak of the
/// inverse transform of the normalised cross-power spectrum. It finds a camera's pan or shake, not objects moving in
/// a still scene; with no common content (a cut) the peak is arbitrary, which costs nothing but one frame's phase.
/// </summary>
public static class CameraShift
{
    /// <summary>
    /// How far the scene's content moved from <paramref name="previous"/> to <paramref name="current"/>, as the shift
    /// of the camera: positive X when the camera panned right (the content moved left). Both frames must be the same size.
    /// </summary>
    public static (int X, int Y) Between(RgbImage previous, RgbImage current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Width != current.Width || previous.Height != current.Height)
            throw new ArgumentException($"Frames of {previous.Width}×{previous.Height} and {current.Width}×{current.Height} cannot be compared.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var window = HannWindow(current.Height, current.Width);
        var a = fft.fft2(Windowed(previous, window));
        var b = fft.fft2(Windowed(current, window));
        var cross = a.mul(b.conj());
        var correlation = fft.ifft2(cross.div(cross.abs().add(1e-9))).real;
        var peak = correlation.flatten().argmax().item<long>();
        return (Signed(peak % current.Width, current.Width), Signed(peak / current.Width, current.Height));
    }

    /// <summary>Zero-mean luminance times a Hann window, so the frame's borders do not correlate with themselves.</summary>
    private static Tensor Windowed(RgbImage image, Tensor window)
    {
        var grey = ImageTensors.ToTensor(image).mean([1L])[0];
        return grey.sub(grey.mean()).mul(window);
    }

    private static Tensor HannWindow(int height, int width) =>
        hann_window(height, periodic: false).unsqueeze(1).mul(hann_window(width, periodic: false).unsqueeze(0));

    /// <summary>The correlation wraps around: an index past the middle is a negative shift.</summary>
    private static int Signed(long index, int length) => (int)(index > length / 2 ? index - length : index);
}
