using System.Diagnostics;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// One stylisation: coarse-to-fine levels, each optimising the pixels for <see cref="GatysOptions.Iterations"/>
/// evaluations, reporting every iteration. The image tensor lives outside the per-iteration dispose scopes and
/// is replaced (and the old one freed) each step, so memory stays flat.
/// </summary>
internal sealed class GatysRun
{
    /// <summary>Style images are enlarged to at least this short side so VGG's deepest layers still have a pixel.</summary>
    private const int MinStyleShortSide = 32;

    private readonly VggFeatures _net;
    private readonly GatysOptions _options;
    private readonly RgbImage _originalContent;
    private readonly RgbImage _content;
    private readonly IReadOnlyList<StyleInput> _styles;
    private readonly IProgress<GatysProgress>? _progress;
    private readonly CancellationToken _ct;
    private readonly PreviewThrottle _throttle;
    private readonly Stopwatch _clock = new();
    private readonly GatysCheckpointing? _checkpointing;
    private int _completed;
    private (int Iteration, TimeSpan Time) _lastCheckpoint;

    public GatysRun(VggFeatures net, GatysOptions options, RgbImage content, IReadOnlyList<StyleInput> styles,
        IProgress<GatysProgress>? progress, CancellationToken ct, GatysCheckpointing? checkpointing = null)
    {
        _checkpointing = checkpointing;
        _net = net;
        _options = options;
        _originalContent = content;
        // Luminance-only transfer (Gatys et al. 2016b): optimise on grey pictures, restore the chroma at the end.
        _content = options.PreserveColors ? LuminanceTransfer.LuminanceOnly(content) : content;
        _styles = options.PreserveColors ? styles.Select(s => s with { Image = LuminanceTransfer.LuminanceOnly(s.Image) }).ToList() : styles;
        _progress = progress;
        _ct = ct;
        _throttle = new PreviewThrottle(options.PreviewEveryIterations, options.PreviewMinInterval);
    }

    private int TotalIterations => _options.Iterations * _options.ScaleLevels;

    public RgbImage Execute()
    {
        _clock.Start();
        var levels = LevelSizes();
        var (firstLevel, firstIteration, image) = StartingPoint();
        _lastCheckpoint = (_completed, TimeSpan.Zero);
        try
        {
            for (var level = firstLevel; level < levels.Count; level++)
                image = OptimiseLevel(level, levels[level], image, level == firstLevel ? firstIteration : 0);
            return Finish(image!);
        }
        finally { image?.Dispose(); }
    }

    /// <summary>
    /// The level and iteration to start at, and the pixels to start from: nothing for a new run; for a resumed one, the
    /// checkpoint's pixels, at its level's size mid-level, or at the size of the level before when it ended one.
    /// </summary>
    private (int Level, int Iteration, Tensor? Image) StartingPoint()
    {
        if (_checkpointing?.ResumeFrom is not { CompletedIterations: > 0 } resume) return (0, 0, null);
        _completed = Math.Min(resume.CompletedIterations, TotalIterations);
        var image = ImageTensors.ToTensor(resume.Image);
        if (_completed == TotalIterations) return (_options.ScaleLevels, 0, image);
        return (_completed / _options.Iterations, _completed % _options.Iterations, image);
    }

    private Tensor OptimiseLevel(int level, (int Width, int Height) size, Tensor? previous, int firstIteration)
    {
        var image = firstIteration > 0 ? Resized(previous!, size) : StartingImage(size, previous);
        previous?.Dispose();
        var warmup = level == 0 && _options.Init == GatysInit.Noise ? Math.Min(_options.ContentWarmupIterations, _options.Iterations) : 0;
        if (firstIteration < warmup)
            image = Optimise(image, level, firstIteration, warmup, CreateObjective(size, _options with { ContentWeight = _options.ContentWeight * _options.ContentWarmupFactor }));
        return Optimise(image, level, Math.Max(firstIteration, warmup), _options.Iterations, CreateObjective(size, _options));
    }

    /// <summary>Iterations [<paramref name="from"/>, <paramref name="to"/>) of a level on one objective, with a fresh optimiser.</summary>
    private Tensor Optimise(Tensor image, int level, int from, int to, GatysObjective objective)
    {
        using var owned = objective;
        using var optimizer = CreateOptimizer();
        for (var i = from; i < to; i++)
        {
            if (_ct.IsCancellationRequested) throw Cancelled(image);
            var next = Step(image, objective, optimizer, level);
            image.Dispose();
            image = next;
        }
        return image;
    }

    /// <summary>One evaluation, one report, one update; returns the clamped next image, outside any scope.</summary>
    private Tensor Step(Tensor image, GatysObjective objective, IPixelOptimizer optimizer, int level)
    {
        using var scope = NewDisposeScope();
        var evaluation = objective.Evaluate(image);
        var next = optimizer.Next(image, evaluation.Gradient).clamp(0, 255).contiguous();
        _completed++;
        Report(evaluation, image, level);
        SaveCheckpointIfDue(next);
        return next.DetachFromDisposeScope();
    }

    private void SaveCheckpointIfDue(Tensor image)
    {
        if (_checkpointing is not { } c) return;
        var elapsed = _clock.Elapsed;
        if (_completed - _lastCheckpoint.Iteration < c.EveryIterations && elapsed - _lastCheckpoint.Time < c.Every) return;
        _lastCheckpoint = (_completed, elapsed);
        c.Save(new GatysResumePoint(_completed, ImageTensors.ToImage(image)));
    }

    /// <summary>A resumed picture at the level's size (it is already, unless the checkpoint came from other options).</summary>
    private static Tensor Resized(Tensor image, (int Width, int Height) size)
    {
        using var scope = NewDisposeScope();
        var resized = image.shape[2] == size.Height && image.shape[3] == size.Width
            ? image.clone()
            : nn.functional.interpolate(image, [size.Height, size.Width], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 255);
        return resized.contiguous().DetachFromDisposeScope();
    }

    private void Report(GatysEvaluation evaluation, Tensor image, int level)
    {
        if (_progress is null) return;
        var elapsed = _clock.Elapsed;
        var preview = _throttle.IsDue(_completed, elapsed) ? Finish(image) : null;
        _progress.Report(new GatysProgress(_completed, TotalIterations, level + 1, _options.ScaleLevels, elapsed,
            evaluation.TotalLoss, evaluation.ContentLoss, evaluation.StyleLoss, evaluation.TvLoss, evaluation.StyleLayerLosses, preview));
    }

    private StylizationCanceledException Cancelled(Tensor image) => new(Finish(image), _completed, _ct);

    /// <summary>The picture the user sees: the pixels, with the content's chroma put back when colours are preserved.</summary>
    private RgbImage Finish(Tensor image)
    {
        var result = ImageTensors.ToImage(image);
        if (!_options.PreserveColors) return result;
        return LuminanceTransfer.Combine(result, ImageResizer.Resize(_originalContent, result.Width, result.Height));
    }

    /// <summary>Output sizes from coarsest to finest; each level halves the longest side of the next.</summary>
    private List<(int Width, int Height)> LevelSizes()
    {
        var sizes = Enumerable.Range(0, _options.ScaleLevels)
            .Select(k => ImageResizer.SizeWithLongestSide(_content.Width, _content.Height, _options.MaxSide >> (_options.ScaleLevels - 1 - k)))
            .ToList();
        var (width, height) = sizes[0];
        foreach (var layer in _options.RequiredLayers)
        {
            var (h, w) = VggLayout.SpatialSize(VggLayout.Find(_options.Network, layer), height, width);
            if (h < 1 || w < 1)
                throw new InvalidGatysOptionsException([
                    $"At {width}x{height} px the layer {layer} would have no pixels left; the content is too elongated for this size. "
                    + "Use a larger MaxSide, fewer ScaleLevels or shallower layers."]);
        }
        return sizes;
    }

    private Tensor StartingImage((int Width, int Height) size, Tensor? previous)
    {
        using var scope = NewDisposeScope();
        var start = previous is not null
            ? nn.functional.interpolate(previous, [size.Height, size.Width], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 255)
            : InitialImage(size);
        return start.contiguous().DetachFromDisposeScope();
    }

    private Tensor InitialImage((int Width, int Height) size) => _options.Init switch
    {
        GatysInit.Content => ImageTensors.ToTensor(ImageResizer.Resize(_content, size.Width, size.Height)),
        GatysInit.Image => ImageTensors.ToTensor(ImageResizer.Resize(InitPicture(), size.Width, size.Height)),
        _ => Noise(size),
    };

    private Tensor Noise((int Width, int Height) size)
    {
        var generator = new Generator(unchecked((ulong)_options.Seed));
        return _options.NoiseStart switch
        {
            NoiseStart.LowPass => nn.functional.interpolate(
                rand([1, 3, Math.Max(2, size.Height / 8), Math.Max(2, size.Width / 8)], generator: generator).mul(255f),
                [size.Height, size.Width], mode: InterpolationMode.Bilinear, align_corners: false),
            NoiseStart.Quiet => rand([1, 3, size.Height, size.Width], generator: generator).sub(0.5f).mul(25.5f).add(127.5f),
            _ => rand([1, 3, size.Height, size.Width], generator: generator).mul(255f),
        };
    }

    private RgbImage InitPicture() =>
        _options.PreserveColors ? LuminanceTransfer.LuminanceOnly(_options.InitImage!) : _options.InitImage!;

    private GatysObjective CreateObjective((int Width, int Height) size, GatysOptions options)
    {
        using var scope = NewDisposeScope();
        var content = _options.UsesContent ? ImageTensors.ToTensor(ImageResizer.Resize(_content, size.Width, size.Height)) : null;
        var styles = _options.UsesStyle
            ? _styles.Select(s => (StyleTensor(s.Image, size), s.BlendWeight)).ToList()
            : [];
        return GatysObjective.Create(_net, options, content, styles, size.Height, size.Width);
    }

    /// <summary>A style image at <see cref="GatysOptions.StyleScale"/> × the output's longest side.</summary>
    private Tensor StyleTensor(RgbImage style, (int Width, int Height) output)
    {
        var longSide = (int)Math.Round(_options.StyleScale * Math.Max(output.Width, output.Height));
        var (width, height) = ImageResizer.SizeWithLongestSide(style.Width, style.Height, longSide);
        var enlarge = Math.Max(1.0, (double)MinStyleShortSide / Math.Min(width, height));
        var (w, h) = ((int)Math.Ceiling(width * enlarge), (int)Math.Ceiling(height * enlarge));
        return ImageTensors.ToTensor(ImageResizer.Resize(style, w, h));
    }

    private IPixelOptimizer CreateOptimizer() => _options.Optimizer switch
    {
        GatysOptimizer.Adam => new AdamOptimizer(_options.LearningRate),
        _ => new LbfgsOptimizer(_options.LbfgsHistory),
    };
}
