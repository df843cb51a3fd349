using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The whole-pixel translation between two frames by phase correlation (Kuglin &amp; Hines 1975): the peak of the
/// inverse transform of the normalised cross-power spectrum. It finds a camera's pan or shake; a weak peak (frames
/// with little in common but noise) is no move. A subject moving in
/// front of a still camera makes a second peak, at its own move: unless that one clearly dominates the still
/// background's peak at no move, the camera is taken to be still. With no common content (a cut) the answer is
/// arbitrary, which costs nothing but one frame's phase.
/// </summary>
public static class CameraShift
{
    /// <summary>
    /// How much higher than the peak at no move the best peak must be. A pure pan measures about 1 against 0.001; a
    /// textured subject covering a quarter of a still frame about 0.48 against 0.38.
    /// </summary>
    private const double Dominance = 2;

    /// <summary>
    /// The least peak taken for a move. Frames with nothing in common but a smooth picture (a wall, a gradient) peak
    /// wherever their noise happens to line up: at most 0.09 in trials on 96×72 to 256×256 frames with ±1 to ±10 grey
    /// levels of noise, against 0.93-0.99 for a pan across a photo. Such a camera is taken to be still.
    /// </summary>
    private const double MinPeak = 0.2;

    /// <summary>
    /// Frames are compared on their central window of at most this many pixels a side: a camera moves all of the frame
    /// alike, and at 640×360 the whole frame took about 20 ms a frame beside ffmpeg, a quarter of what the network's
    /// 4-pixel grid is worth in time. Moves of up to about a third of it are found (a fast pan).
    /// </summary>
    public const int MaxWindow = 256;

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
        using var a = Spectrum.Of(previous);
        using var b = Spectrum.Of(current);
        return Between(a, b);
    }

    /// <summary>
    /// <see cref="Between(RgbImage, RgbImage)"/> of two frames' spectra, so a stream transforms each frame once rather
    /// than once as the current frame and again as the previous one.
    /// </summary>
    internal static (int X, int Y) Between(Spectrum previous, Spectrum current)
    {
        if (!previous.SameSizeAs(current))
            throw new ArgumentException($"Frames of {previous.FrameWidth}×{previous.FrameHeight} and {current.FrameWidth}×{current.FrameHeight} cannot be compared.");
        return OnOneThread(() => Correlate(previous, current));
    }

    private static (int X, int Y) Correlate(Spectrum previous, Spectrum current)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var cross = previous.Value.mul(current.Value.conj());
        var correlation = fft.ifft2(cross.div(cross.abs().add(1e-9))).real;
        var flat = correlation.flatten();
        var peak = flat.argmax().item<long>();
        var best = flat[peak].item<float>();
        if (best < MinPeak || best < Dominance * flat[0].item<float>()) return (0, 0);
        return (Signed(peak % previous.WindowWidth, previous.WindowWidth), Signed(peak / previous.WindowWidth, previous.WindowHeight));
    }

    /// <summary>
    /// The Fourier transform of a frame's windowed central luminance (<see cref="MaxWindow"/>): what phase correlation
    /// compares. Owns its tensor, outside any dispose scope.
    /// </summary>
    internal sealed class Spectrum : IDisposable
    {
        private Spectrum(Tensor value, int frameWidth, int frameHeight, int windowWidth, int windowHeight) =>
            (Value, FrameWidth, FrameHeight, WindowWidth, WindowHeight) = (value, frameWidth, frameHeight, windowWidth, windowHeight);

        public Tensor Value { get; }
        public int FrameWidth { get; }
        public int FrameHeight { get; }
        public int WindowWidth { get; }
        public int WindowHeight { get; }

        public bool SameSizeAs(Spectrum other) => FrameWidth == other.FrameWidth && FrameHeight == other.FrameHeight;

        public static Spectrum Of(RgbImage frame)
        {
            ArgumentNullException.ThrowIfNull(frame);
            return OnOneThread(() => Transform(frame));
        }

        private static Spectrum Transform(RgbImage frame)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (width, height) = (Math.Min(frame.Width, MaxWindow), Math.Min(frame.Height, MaxWindow));
            var (left, top) = ((frame.Width - width) / 2, (frame.Height - height) / 2);
            var spectrum = fft.fft2(Windowed(frame.Crop(left, top, width, height), HannWindow(height, width)));
            return new Spectrum(spectrum.DetachFromDisposeScope(), frame.Width, frame.Height, width, height);
        }

        public void Dispose() => Value.Dispose();
    }

    /// <summary>Zero-mean luminance times a Hann window, so the frame's borders do not correlate with themselves.</summary>
    private static Tensor Windowed(RgbImage image, Tensor window)
    {
        var grey = ImageTensors.ToTensor(image).mean([1L])[0];
        return grey.sub(grey.mean()).mul(window);
    }

    private static readonly Lock ThreadCount = new();

    /// <summary>
    /// Runs a frame's few small tensor operations (a 256² transform, element-wise work on 65 K values) on one torch thread.
    /// Split over the engine's threads, their hand-overs cost more than the work as soon as anything else wants the
    /// cores: on the busy 2-core machine, with the browser beside the server, a frame's correlation took a median of
    /// 44-75 ms at 320×240 (300-500 ms at 640×360) on 2 threads against 2-4 ms on one. The count is put back after,
    /// for the network that runs next on the same thread; the lock keeps two callers from restoring each other's one.
    /// </summary>
    private static T OnOneThread<T>(Func<T> work)
    {
        lock (ThreadCount)
        {
            var threads = get_num_threads();
            if (threads <= 1) return work();
            set_num_threads(1);
            try
            {
                return work();
            }
            finally
            {
                set_num_threads(threads);
            }
        }
    }

    /// <summary>Made once per window size and kept (a few of them, 256 KB each at most): every frame of a camera needs it.</summary>
    private static Tensor HannWindow(int height, int width) =>
        Windows.GetOrAdd((height, width), static size =>
        {
            using var scope = NewDisposeScope();
            return hann_window(size.Height, periodic: false).unsqueeze(1).mul(hann_window(size.Width, periodic: false).unsqueeze(0)).DetachFromDisposeScope();
        });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Height, int Width), Tensor> Windows = new();

    /// <summary>The correlation wraps around: an index past the middle is a negative shift.</summary>
    private static int Signed(long index, int length) => (int)(index > length / 2 ? index - length : index);
}
