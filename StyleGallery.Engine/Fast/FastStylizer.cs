using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// Stylises a photo in one forward pass of a feed-forward network (Johnson et al. 2016), pretrained or trained here.
/// Thread-safe: networks are loaded once per style and precision and shared.
/// </summary>
public sealed class FastStylizer : IDisposable
{
    private readonly FastNetworkCache _networks;
    private readonly RecentPictures _recent;
    private readonly Device _device;

    /// <summary>Network pictures kept for another strength or colours of the same photo (a few MB each at 1024 px).</summary>
    public const int DefaultRecentPictures = 4;

    /// <summary>
    /// A stylizer for pretrained networks only, found by style id. <paramref name="recentPictures"/> 0 runs the network
    /// on every call (benchmarks measure it).
    /// </summary>
    public FastStylizer(Func<string, string> weightsPathForStyle, Device? device = null, int recentPictures = DefaultRecentPictures)
        : this(new FastNetworkCache(id => FastNetworkSource.Pretrained(weightsPathForStyle(id)), device), device, recentPictures)
    {
    }

    private FastStylizer(FastNetworkCache networks, Device? device, int recentPictures)
    {
        _networks = networks;
        _device = device ?? CPU;
        _recent = new RecentPictures(recentPictures);
    }

    /// <summary>A stylizer whose networks may have any layout a <see cref="FastNetworkSource"/> can read (pretrained or trained here).</summary>
    public static FastStylizer ForNetworks(Func<string, FastNetworkSource> networkForStyle, Device? device = null, int recentPictures = DefaultRecentPictures) =>
        new(new FastNetworkCache(networkForStyle, device), device, recentPictures);

    /// <summary>
    /// The stylised photo at working resolution: the content scaled down to fit <see cref="FastStyleOptions.MaxSide"/>
    /// (unchanged when it already fits). Throws <see cref="UnknownStyleException"/> for a style without weights and
    /// <see cref="ArgumentOutOfRangeException"/> for options that cannot paint (<see cref="FastStyleOptions.Problems"/>).
    /// </summary>
    public RgbImage Stylize(RgbImage content, string styleId, FastStyleOptions options, CancellationToken ct = default) =>
        Stylize(content, styleId, options, remember: true, camera: null, onTile: null, ct);

    /// <summary>
    /// <see cref="Stylize(RgbImage, string, FastStyleOptions, CancellationToken)"/>, told of every tile run when the picture
    /// is painted in tiles (<see cref="FastStyleOptions.Tile"/>); a picture painted whole reports nothing.
    /// </summary>
    public RgbImage Stylize(RgbImage content, string styleId, FastStyleOptions options, Action<TileProgress>? onTile, CancellationToken ct = default) =>
        Stylize(content, styleId, options, remember: true, camera: null, onTile, ct);

    /// <summary>
    /// <see cref="Stylize"/> for one frame of a video or a camera: frames never come twice, so the network's picture is
    /// not hashed and kept (nor does it push out the pictures a person may ask for again at another strength). With a
    /// <paramref name="camera"/> (one per video or camera, fed every frame in order) the frame enters the network's
    /// stride grid where the camera's motion puts it, so the brush strokes move with the scene (<see cref="GridPhase"/>),
    /// and is denoised first if the stream denoises.
    /// </summary>
    public RgbImage StylizeFrame(RgbImage frame, string styleId, FastStyleOptions options, CameraStream? camera = null, CancellationToken ct = default) =>
        Stylize(frame, styleId, options, remember: false, camera, onTile: null, ct);

    /// <summary>The one path of every stylisation: <paramref name="remember"/> keeps the network's picture for another strength.</summary>
    /// <param name="sequence">A camera frame's number in its camera (<see cref="CameraStream.Next"/>).</param>
    internal RgbImage Stylize(RgbImage content, string styleId, FastStyleOptions options, bool remember, CameraStream? camera, Action<TileProgress>? onTile, CancellationToken ct,
        long? sequence = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentOutOfRangeException(nameof(options), string.Join(" ", problems));
        ct.ThrowIfCancellationRequested();
        var network = Network(styleId, options.Precision);
        var working = ImageResizer.FitWithin(content, options.MaxSide);
        EnsurePaintable(working);
        var core = camera is null ? TileSizing.CoreFor(working.Width, working.Height, options) : 0;
        if (core > 0)
        {
            Interlocked.Increment(ref _networkRuns);
            return new TiledStylizer(network, _device).Paint(working, options, core, onTile, ct);
        }
        GridPhase? phase = null;
        if (camera is not null) (working, phase) = camera.Next(working, sequence);
        ct.ThrowIfCancellationRequested();
        var stylised = remember
            ? _recent.GetOrPaint(network, working, options.EdgePadding, () => RunNetwork(network, working, MarginsFor(working, options.EdgePadding, null)))
            : RunNetwork(network, working, MarginsFor(working, options.EdgePadding, phase));
        var painted = options.PreserveColors ? LuminanceTransfer.Combine(stylised, working) : stylised;
        return StyleStrength.Mix(working, painted, options.Strength);
    }

    /// <summary>A picture over <see cref="FastStyleOptions.MaxPixelsLimit"/> is refused before any work.</summary>
    private static void EnsurePaintable(RgbImage working)
    {
        if ((long)working.Width * working.Height > FastStyleOptions.MaxPixelsLimit)
            throw new ArgumentOutOfRangeException(nameof(working), $"The picture would be {working.Width} × {working.Height} pixels; at most {FastStyleOptions.MaxPixelsLimit / 1_000_000} megapixels can be painted.");
    }

    /// <summary>How many pictures the network has painted: a photo stylised again (another strength or colours) is not counted.</summary>
    internal int NetworkRuns => _networkRuns;

    private int _networkRuns;

    /// <summary>Drops a style's loaded networks (its file was deleted); they are disposed on the job thread's next fetch.</summary>
    public void Forget(string styleId) => _networks.Forget(styleId);

    /// <summary>How many networks are loaded now (for tests).</summary>
    internal int LoadedNetworks => _networks.Count;

    /// <summary>The cached network for a style (loaded on first use).</summary>
    public TransformerNet Network(string styleId, ComputePrecision precision) => _networks.Get(styleId, precision);

    private RgbImage RunNetwork(TransformerNet network, RgbImage image, Margins margins)
    {
        Interlocked.Increment(ref _networkRuns);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var input = ImageTensors.ToTensor(image, PixelScale.ZeroTo255);
        using var onDevice = input.to(_device);
        using var mirrored = nn.functional.pad(onDevice, [margins.Left, margins.Right, margins.Top, margins.Bottom], PaddingModes.Reflect);
        using var output = network.forward(mirrored);
        using var picture = output.narrow(2, margins.Top, image.Height).narrow(3, margins.Left, image.Width);
        return ImageTensors.ToImage(picture, PixelScale.ZeroTo255);
    }

    /// <summary>
    /// Pixels mirrored before (left, top) and after (right, bottom) the picture. TensorFlow's "SAME" padding puts the
    /// extra pixel of every stride-2 layer after, so the band there is the wide one: a third as much suffices before
    /// (docs/fast.md), which saves a third of the extra work. A mirror cannot reach further than the picture.
    /// </summary>
    internal static (int Before, int After) EdgePaddingFor(RgbImage image, int edgePadding) => EdgePaddingFor(image, edgePadding, spare: 0);

    private static (int Before, int After) EdgePaddingFor(RgbImage image, int edgePadding, int spare) =>
        EdgePaddingFor(image.Width, image.Height, edgePadding, spare);

    internal static (int Before, int After) EdgePaddingFor(int width, int height, int edgePadding, int spare = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edgePadding);
        var after = Math.Clamp(edgePadding, 0, Math.Max(0, Math.Min(width, height) - 1 - spare));
        return (after / 3, after);
    }

    /// <summary>The mirrored margins around a picture on each side.</summary>
    internal readonly record struct Margins(int Left, int Top, int Right, int Bottom);

    /// <summary>
    /// The edge padding, and with a <paramref name="phase"/> also <see cref="GridPhase.Period"/> − 1 pixels more each
    /// way, split so the picture starts <c>phase</c> pixels further into the grid. The padded size stays the same for
    /// every phase: "SAME" padding depends on it, and a change would move the grid again. A picture too small to
    /// mirror that far is painted without a phase.
    /// </summary>
    internal static Margins MarginsFor(RgbImage image, int edgePadding, GridPhase? phase)
    {
        const int spare = GridPhase.Period - 1;
        if (phase is not { } p || Math.Min(image.Width, image.Height) - 1 < spare)
        {
            var (before, after) = EdgePaddingFor(image, edgePadding);
            return new Margins(before, before, after, after);
        }
        var (lead, trail) = EdgePaddingFor(image, edgePadding, spare);
        return new Margins(lead + p.X, lead + p.Y, trail + spare - p.X, trail + spare - p.Y);
    }

    public void Dispose() => _networks.Dispose();
}
