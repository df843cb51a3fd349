using System.CommandLine;
using System.Globalization;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Cli.Commands;

/// <summary>What <c>stylegallery gatys</c> was asked to do.</summary>
public sealed record GatysRequest(
    string? ContentPath,
    IReadOnlyList<string> StylePaths,
    IReadOnlyList<double> StyleWeights,
    GatysOptions Options,
    string Output,
    int? SaveEvery,
    string? InitImagePath = null,
    string? LossLog = null);

/// <summary>
/// The options of <c>stylegallery gatys</c>. Defaults are read from <see cref="GatysOptions"/> (after the chosen
/// preset); an option the user did not give leaves the record's value alone.
/// </summary>
public sealed class GatysCliOptions
{
    private static readonly GatysOptions Defaults = new();

    private readonly Option<string?> _content = new("--content") { Description = "The photo (not needed for --mode texture)" };
    private readonly Option<string[]> _styles = new("--style") { Description = "A style painting: a picture file or a painting of the catalogue (e.g. starry_night); repeat for several", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _styleWeights = new("--style-weights") { Description = "Blend weights of the styles, e.g. 0.7,0.3" };
    private readonly Option<string> _out = new("--out") { Description = "Output file (.png, .jpg, .webp)", Required = true };
    private readonly Option<string> _preset = new("--preset") { Description = $"One of: {string.Join(", ", GatysPresets.Names)}", DefaultValueFactory = _ => GatysPresets.Gatys.Name };
    private readonly Option<int> _size = new("--size") { Description = "Longest side of the result", DefaultValueFactory = _ => Defaults.MaxSide };
    private readonly Option<int> _iters = new("--iters") { Description = "Iterations (loss evaluations) per scale", DefaultValueFactory = _ => Defaults.Iterations };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the starting noise", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<GatysInit> _init = new("--init") { Description = "Start from noise, the content photo or an image (--init-image)", DefaultValueFactory = _ => Defaults.Init };
    private readonly Option<NoiseStart> _noise = new("--noise") { Description = "The noise a noise start draws: LowPass (no grain), Uniform (the paper's white noise) or Quiet", DefaultValueFactory = _ => Defaults.NoiseStart };
    private readonly Option<GatysOptimizer> _optimizer = new("--optimizer") { Description = "lbfgs or adam", DefaultValueFactory = _ => Defaults.Optimizer };
    private readonly Option<int> _history = new("--history") { Description = "L-BFGS curvature pairs kept", DefaultValueFactory = _ => Defaults.LbfgsHistory };
    private readonly Option<double?> _lr = new("--lr") { Description = $"Adam learning rate (default {Defaults.LearningRate})" };
    private readonly Option<double?> _alpha = new("--alpha") { Description = "Content weight α (default: the preset's)" };
    private readonly Option<double?> _beta = new("--beta") { Description = "Style weight β (default: the preset's)" };
    private readonly Option<double?> _gamma = new("--gamma") { Description = "Total-variation weight γ at 256² pixels, scaled by 65536/pixels at other sizes (default: the preset's)" };
    private readonly Option<double> _styleScale = new("--style-scale") { Description = "Style image size relative to the output", DefaultValueFactory = _ => Defaults.StyleScale };
    private readonly Option<bool> _preserveColors = new("--preserve-colors") { Description = "Keep the photo's colours (luminance-only transfer)" };
    private readonly Option<bool> _multiscale = new("--multiscale") { Description = "Coarse-to-fine: optimise small, upsample, continue (3 scales)" };
    private readonly Option<GatysMode> _mode = new("--mode") { Description = "Transfer, ReconstructContent or SynthesizeTexture", DefaultValueFactory = _ => Defaults.Mode };
    private readonly Option<string?> _contentLayers = new("--content-layers") { Description = "Comma-separated layers, e.g. relu4_2" };
    private readonly Option<string?> _styleLayers = new("--style-layers") { Description = "Comma-separated layers, e.g. relu1_1,relu2_1" };
    private readonly Option<ComputePrecision> _precision = new("--precision") { Description = "What the loss network computes in", DefaultValueFactory = _ => Defaults.Precision };
    private readonly Option<int?> _saveEvery = new("--save-every") { Description = "Also write out_0050.png … every N iterations" };
    private readonly Option<string?> _initImage = new("--init-image") { Description = "Start from this picture (e.g. an earlier result); implies --init image" };
    private readonly Option<string?> _losses = new("--losses") { Description = "Write every iteration's losses to this CSV file" };
    private readonly Option<int?> _tile = new("--tile") { Description = "Evaluate the loss in tiles of this many pixels (default: only when a level would not fit --memory)" };
    private readonly Option<int> _memory = new("--memory") { Description = "Peak memory in MB that automatic tiling keeps a level within", DefaultValueFactory = _ => Defaults.MemoryLimitMegabytes };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _content, _styles, _styleWeights, _out, _preset, _size, _iters, _seed, _init, _noise, _optimizer, _history, _lr,
                     _alpha, _beta, _gamma, _styleScale, _preserveColors, _multiscale, _mode, _contentLayers, _styleLayers, _precision, _saveEvery, _initImage, _losses, _tile, _memory })
            command.Add(option);
    }

    /// <exception cref="ArgumentException">An option that cannot be read (unknown preset, weights that don't match the styles …).</exception>
    public GatysRequest Read(ParseResult parsed)
    {
        var options = GatysPresets.Get(parsed.GetValue(_preset)!).ApplyTo(Defaults) with
        {
            MaxSide = parsed.GetValue(_size),
            Iterations = parsed.GetValue(_iters),
            Seed = parsed.GetValue(_seed),
            Init = parsed.GetValue(_init),
            NoiseStart = parsed.GetValue(_noise),
            Optimizer = parsed.GetValue(_optimizer),
            LbfgsHistory = parsed.GetValue(_history),
            StyleScale = parsed.GetValue(_styleScale),
            PreserveColors = parsed.GetValue(_preserveColors),
            Mode = parsed.GetValue(_mode),
            Precision = parsed.GetValue(_precision),
            Tile = parsed.GetValue(_tile),
            MemoryLimitMegabytes = parsed.GetValue(_memory),
        };
        var initImage = parsed.GetValue(_initImage);
        if (initImage is not null) options = options with { Init = GatysInit.Image };
        else if (options.Init == GatysInit.Image) throw new ArgumentException("--init image needs --init-image, the picture to start from.");
        if (parsed.GetValue(_multiscale)) options = options with { ScaleLevels = 3 };
        if (parsed.GetValue(_lr) is { } lr) options = options with { LearningRate = lr };
        if (parsed.GetValue(_alpha) is { } alpha) options = options with { ContentWeight = alpha };
        if (parsed.GetValue(_beta) is { } beta) options = options with { StyleWeight = beta };
        if (parsed.GetValue(_gamma) is { } gamma) options = options with { TvWeight = gamma };
        if (parsed.GetValue(_contentLayers) is { } cl) options = options with { ContentLayers = List(cl) };
        if (parsed.GetValue(_styleLayers) is { } sl) options = options with { StyleLayers = List(sl), StyleLayerWeights = null };
        var saveEvery = parsed.GetValue(_saveEvery);
        if (saveEvery is > 0) options = options with { PreviewEveryIterations = saveEvery.Value, PreviewMinInterval = TimeSpan.Zero };

        var styles = parsed.GetValue(_styles) ?? [];
        var content = parsed.GetValue(_content);
        if (options.UsesStyle && styles.Length == 0) throw new ArgumentException("Give at least one --style painting.");
        if (options.UsesContent && content is null) throw new ArgumentException("Give the --content photo.");
        return new GatysRequest(content, styles, Weights(parsed.GetValue(_styleWeights), styles.Length), options, parsed.GetValue(_out)!, saveEvery,
            initImage, parsed.GetValue(_losses));
    }

    private static IReadOnlyList<double> Weights(string? text, int styles)
    {
        if (text is null) return Enumerable.Repeat(1.0, styles).ToList();
        var weights = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var w)) throw new ArgumentException($"--style-weights: '{part}' is not a number.");
            weights.Add(w);
        }
        if (weights.Count != styles) throw new ArgumentException($"--style-weights gives {weights.Count} weights for {styles} style images.");
        return weights;
    }

    private static List<string> List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
