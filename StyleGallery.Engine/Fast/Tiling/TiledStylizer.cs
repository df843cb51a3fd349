using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Fast.Tiling;

/// <summary>
/// Paints a picture too large for the network's activations in one piece: tile by tile (<see cref="TilePlan"/>), each
/// tile normalised by the whole picture's instance-norm statistics (<see cref="TileStatistics"/>), each tile's core
/// kept. With frozen statistics the network is the same local operator in every tile, so the cores meet without a seam
/// and no cross-fade is needed: a core pixel is the untiled picture's pixel (up to float rounding), not a blend of two
/// guesses. The colours and the strength are applied core by core, so besides the photo and the result only one tile's
/// pictures exist at a time.
/// </summary>
internal sealed class TiledStylizer(TransformerNet network, Device device)
{
    /// <summary>The picture painted with cores of <paramref name="core"/> pixels; colours and strength applied.</summary>
    public RgbImage Paint(RgbImage working, FastStyleOptions options, int core, Action<TileProgress>? onTile, CancellationToken ct)
    {
        var picture = new MirroredPicture(working, FastStylizer.MarginsFor(working, options.EdgePadding, null));
        var plan = TilePlan.For(picture.Width, picture.Height, core);
        var sample = SampleChoice.LockStep(working.Width, working.Height, options);
        var progress = new Progress(plan, options.TileStatistics, InstanceNormLayers(), sample.Count, onTile);
        var statistics = Statistics(picture, plan, sample, options, progress, ct);
        var output = new byte[working.Pixels.Length];
        foreach (var tile in plan.Tiles)
        {
            ct.ThrowIfCancellationRequested();
            var (left, top, width, height) = picture.CoreInPicture(tile);
            if (width > 0 && height > 0)
            {
                var stylised = PaintCore(picture, tile, statistics);
                var photo = working.Crop(left, top, width, height);
                var painted = options.PreserveColors ? LuminanceTransfer.Combine(stylised, photo) : stylised;
                Paste(StyleStrength.Mix(photo, painted, options.Strength), output, working.Width, left, top);
            }
            progress.Step("painting");
        }
        return new RgbImage(working.Width, working.Height, output);
    }

    /// <summary>The whole picture's statistics of every instance-norm layer, in forward order; null for <see cref="TileStatistics.PerTile"/>.</summary>
    internal IReadOnlyList<LayerStatistics>? Statistics(MirroredPicture picture, TilePlan plan, IReadOnlyList<Tile> sample, FastStyleOptions options, Progress progress, CancellationToken ct) =>
        options.TileStatistics switch
        {
            TileStatistics.Downscaled => Downscaled(picture.Picture, options, progress),
            TileStatistics.Exact => sample.Count > 0 ? Sampled(picture, sample, options with { SampleGuided = false }, progress, ct) : Exact(picture, plan, progress, ct),
            TileStatistics.Sampled => Sampled(picture, sample, options, progress, ct),
            _ => null,
        };

    /// <summary>
    /// One lock-step forward over the sample tiles (<see cref="LockStepSample"/>), guided by the picture scaled down to
    /// <see cref="FastStyleOptions.StatisticsPixels"/> when <see cref="FastStyleOptions.SampleGuided"/>; what it paints is dropped.
    /// </summary>
    private IReadOnlyList<LayerStatistics> Sampled(MirroredPicture picture, IReadOnlyList<Tile> sample, FastStyleOptions options, Progress progress, CancellationToken ct)
    {
        var found = LockStepSample.Run(sample, tile => Forward(picture, tile, null).Dispose(), _ => progress.Step("statistics"), ct,
            options.SampleGuided ? GuideFor(picture, sample, options) : null);
        // The tiles' threads allocated in malloc arenas of their own, which the painting (on this thread) would not reuse:
        // without a trim the painting's peak comes on top of the lock-step's (2.8 instead of 1.9 GB at 4096²).
        NativeHeap.Trim();
        return found;
    }


    /// <summary>The scaled-down picture's forward, and where the sample's cores fall in its activations.</summary>
    private LockStepSample.Guide GuideFor(MirroredPicture picture, IReadOnlyList<Tile> sample, FastStyleOptions options)
    {
        var working = picture.Picture;
        var small = ImageResizer.ScaleToArea(working, options.StatisticsPixels);
        var edge = (int)Math.Round(options.EdgePadding * (double)small.Width / working.Width);
        var margins = FastStylizer.MarginsFor(small, edge, null);
        var (paddedWidth, paddedHeight) = (small.Width + margins.Left + margins.Right, small.Height + margins.Top + margins.Bottom);
        var (rx, ry) = ((double)small.Width / working.Width, (double)small.Height / working.Height);

        void Run()
        {
            using var input = ImageTensors.ToTensor(small, PixelScale.ZeroTo255).to(device);
            using var mirrored = nn.functional.pad(input, [margins.Left, margins.Right, margins.Top, margins.Bottom], PaddingModes.Reflect);
            network.forward(mirrored).Dispose();
        }

        IReadOnlyList<Tensor> Regions(Tensor activation)
        {
            var (height, width) = (activation.shape[2], activation.shape[3]);
            var (sy, sx) = (CoreRegion.ScaleOf(paddedHeight, height), CoreRegion.ScaleOf(paddedWidth, width));
            (long, long) Span(AxisSpan span, bool last, int before, int guideBefore, double ratio, int scale, long size)
            {
                var start = Math.Clamp((long)Math.Round(((span.CoreStart - before) * ratio + guideBefore) / scale), 0, size - 1);
                var end = last ? size : Math.Clamp((long)Math.Round(((span.CoreEnd - before) * ratio + guideBefore) / scale), start + 1, size);
                return (start, end - start);
            }
            return sample.Select(tile =>
            {
                var (top, rows) = Span(tile.Y, tile.LastY, picture.Margins.Top, margins.Top, ry, sy, height);
                var (left, columns) = Span(tile.X, tile.LastX, picture.Margins.Left, margins.Left, rx, sx, width);
                using var band = activation.narrow(2, top, rows);
                return band.narrow(3, left, columns);
            }).ToList();
        }

        return new LockStepSample.Guide(Run, Regions);
    }

    private IReadOnlyList<LayerStatistics> Downscaled(RgbImage working, FastStyleOptions options, Progress progress)
    {
        var small = ImageResizer.ScaleToArea(working, options.StatisticsPixels);
        var edge = (int)Math.Round(options.EdgePadding * (double)small.Width / working.Width);
        var margins = FastStylizer.MarginsFor(small, edge, null);
        var recorder = new StatisticsRecorder();
        using (var scope = NewDisposeScope())
        using (no_grad())
        using (InstanceStatisticsOverride.Use(recorder))
        {
            using var input = ImageTensors.ToTensor(small, PixelScale.ZeroTo255).to(device);
            using var mirrored = nn.functional.pad(input, [margins.Left, margins.Right, margins.Top, margins.Bottom], PaddingModes.Reflect);
            recorder.BeginForward();
            network.forward(mirrored).Dispose();
        }
        progress.Step("statistics");
        return recorder.Layers;
    }

    /// <summary>One pass over the tiles per layer, each up to that layer only, with the statistics found before it.</summary>
    private IReadOnlyList<LayerStatistics> Exact(MirroredPicture picture, TilePlan plan, Progress progress, CancellationToken ct)
    {
        var known = new List<LayerStatistics>();
        for (var layer = 0; layer < InstanceNormLayers(); layer++)
        {
            var pass = new ExactStatisticsPass(known, layer);
            foreach (var tile in plan.Tiles)
            {
                ct.ThrowIfCancellationRequested();
                pass.Tile = tile;
                RunStopping(picture, tile, pass);
                progress.Step("statistics");
            }
            known.Add(pass.Moments.Result());
        }
        return known;
    }

    private void RunStopping(MirroredPicture picture, Tile tile, ExactStatisticsPass pass)
    {
        try
        {
            using var scope = NewDisposeScope();
            Forward(picture, tile, pass).Dispose();
        }
        catch (ForwardStopped)
        {
        }
    }

    private RgbImage PaintCore(MirroredPicture picture, Tile tile, IReadOnlyList<LayerStatistics>? statistics)
    {
        using var scope = NewDisposeScope();
        var (left, top, width, height) = picture.CoreInPicture(tile);
        using var output = Forward(picture, tile, statistics is null ? null : new FrozenStatistics(statistics));
        var rows = top + picture.Margins.Top - tile.Y.Start;
        var columns = left + picture.Margins.Left - tile.X.Start;
        using var core = output.narrow(2, rows, height).narrow(3, columns, width);
        return ImageTensors.ToImage(core, PixelScale.ZeroTo255);
    }

    /// <summary>The network's picture of one tile's window, with <paramref name="statistics"/> in force (none: the tile's own).</summary>
    private Tensor Forward(MirroredPicture picture, Tile tile, InstanceStatisticsOverride? statistics)
    {
        using var noGrad = no_grad();
        using var window = ImageTensors.ToTensor(picture.Window(tile), PixelScale.ZeroTo255);
        using var input = window.to(device);
        if (statistics is null) return network.forward(input);
        using (InstanceStatisticsOverride.Use(statistics))
        {
            statistics.BeginForward();
            return network.forward(input);
        }
    }

    /// <summary>The network's instance-norm layers (TorchSharp's <c>modules()</c> may list a module more than once).</summary>
    private int InstanceNormLayers() => network.modules().OfType<AffineInstanceNorm>().Distinct().Count();

    private static void Paste(RgbImage core, byte[] output, int outputWidth, int left, int top)
    {
        var rowBytes = core.Width * 3;
        for (var y = 0; y < core.Height; y++)
            Array.Copy(core.Pixels, y * rowBytes, output, ((top + y) * outputWidth + left) * 3, rowBytes);
    }

    /// <summary>Counts tile runs over the whole job (statistics passes and painting) for <see cref="TileProgress"/>.</summary>
    internal sealed class Progress(TilePlan plan, TileStatistics statistics, int layers, int sampleTiles, Action<TileProgress>? onTile)
    {
        private readonly int _total = plan.Tiles.Count + statistics switch
        {
            TileStatistics.Exact => sampleTiles > 0 ? sampleTiles : plan.Tiles.Count * layers,
            TileStatistics.Downscaled => 1,
            TileStatistics.Sampled => sampleTiles,
            _ => 0,
        };

        private int _done;

        public void Step(string stage) => onTile?.Invoke(new TileProgress(Interlocked.Increment(ref _done), _total, stage, plan.Tiles.Count));
    }
}
