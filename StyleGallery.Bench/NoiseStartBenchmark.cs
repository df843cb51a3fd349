using System.Diagnostics;
using System.Globalization;
using System.Text;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>A way to start (and run) a Gatys optimisation, compared by <see cref="NoiseStartBenchmark"/>.</summary>
internal sealed record NoiseStartVariant(string Name, string Description, Func<GatysOptions, GatysOptions> Apply);

/// <summary>A photo and a painting from ../shared/images.</summary>
internal sealed record NoisePair(string Photo, string Painting)
{
    public string Name => $"{Path.GetFileNameWithoutExtension(Photo)}+{Path.GetFileNameWithoutExtension(Painting)}";

    public static NoisePair Parse(string text) =>
        text.Split('+', 2) is [var photo, var painting] && photo.Length > 0 && painting.Length > 0
            ? new NoisePair(photo, painting)
            : throw new ArgumentException($"'{text}' is not photo+painting.");
}

/// <summary>Settings of <c>stylegallery-bench noise-start</c>; the defaults are issue 21's measurement.</summary>
internal sealed record NoiseStartOptions
{
    /// <summary>A busy abstract (udnie, mosaic), a smooth one (Monet at dusk) and the paper's own pair.</summary>
    public IReadOnlyList<NoisePair> Pairs { get; init; } =
    [
        new("tubingen.jpg", "starry_night.jpg"),
        new("golden_gate.jpg", "udnie.jpg"),
        new("chicago.jpg", "monet_san_giorgio_dusk.png"),
        new("stata.jpg", "mosaic.jpg"),
    ];

    public IReadOnlyList<int> Sides { get; init; } = [128, 256];

    public IReadOnlyList<int> Iterations { get; init; } = [100, 300];

    /// <summary>Null: every side with every iteration count; else only these (side, iterations) runs.</summary>
    public IReadOnlyList<(int Side, int Iterations)>? Runs { get; init; }

    public IReadOnlyList<string> Variants { get; init; } = ["photo-before", "noise-before", "photo", "noise"];

    public string PicturesDirectory { get; init; } = "docs/noise-start";

    public string Markdown { get; init; } = "docs/noise-start.md";
}

/// <summary>
/// Issue 21: Gatys from white noise against Gatys from the photo, per pair, size and iteration count: grain
/// (<see cref="Grain.Ratio"/>), style distance and content distance (<see cref="StyleDistanceMeter"/>), the content
/// distance also as a multiple of the painting's own, and seconds per iteration. Writes a table per pair and the
/// pictures side by side.
/// </summary>
internal static class NoiseStartBenchmark
{

    public static readonly IReadOnlyList<NoiseStartVariant> Known =
    [
        new("photo", "from the photo, today's defaults", o => o with { Init = GatysInit.Content }),
        new("photo-before", "from the photo, as before issue 21 (γ = 1 at every size)", o => Before(o) with { Init = GatysInit.Content }),
        new("noise-before", "from white noise, as before issue 21 (γ = 1 at every size)", o => Before(o) with { Init = GatysInit.Noise }),
        new("noise", "from noise, today's defaults (low-pass noise, γ = 2 200 at 256² scaled by pixels, content ×3 for the first 100 iterations)", o => o with { Init = GatysInit.Noise }),
        new("noise-nowarmup", "from noise, today's defaults without the content warm-up", o => o with { Init = GatysInit.Noise, ContentWarmupIterations = 0 }),
        // What was compared on the way (docs/noise-start.md), each from the old defaults; ":tv=K" multiplies γ = 1 by K.
        new("noise-tv10", "from white noise, γ = 10", o => Before(o) with { Init = GatysInit.Noise, TvWeight = 10 }),
        new("noise-levels3", "from white noise at the coarsest of 3 levels, a third of the iterations each", o => Before(o) with { Init = GatysInit.Noise, ScaleLevels = 3, Iterations = o.Iterations / 3 }),
        new("noise-ms2", "from white noise at the coarser of 2 levels, all the iterations at each", o => Before(o) with { Init = GatysInit.Noise, ScaleLevels = 2 }),
        new("noise-lowpass", "from low-pass noise, γ = 1", o => Before(o) with { Init = GatysInit.Noise, NoiseStart = NoiseStart.LowPass }),
        new("noise-quiet", "from quiet noise (mid-grey ± 12.75), γ = 1", o => Before(o) with { Init = GatysInit.Noise, NoiseStart = NoiseStart.Quiet }),
    ];

    /// <summary>The defaults before issue 21: white noise, γ = 1 whatever the size.</summary>
    private static GatysOptions Before(GatysOptions o) => o with { NoiseStart = NoiseStart.Uniform, TvWeight = 1, TvReferencePixels = null, ContentWarmupIterations = 0 };

    /// <summary>
    /// A known variant by name, optionally with changes for exploring: <c>noise-lowpass:tv=100,cw=2</c> multiplies the
    /// total-variation weight by 100 and the content weight by 2.
    /// </summary>
    public static NoiseStartVariant Variant(string spec)
    {
        var (name, changes) = spec.Split(':', 2) is [var n, var c] ? (n, c) : (spec, "");
        var known = Known.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"No variant '{name}'.");
        if (changes.Length == 0) return known;
        var factors = changes.Split(',').Select(c => c.Split('=', 2)).ToDictionary(c => c[0], c => double.Parse(c[1], CultureInfo.InvariantCulture));
        return new NoiseStartVariant(spec, $"{known.Description}, {changes}", o =>
        {
            var applied = known.Apply(o);
            return applied with
            {
                TvWeight = applied.TvWeight * factors.GetValueOrDefault("tv", 1),
                ContentWeight = applied.ContentWeight * factors.GetValueOrDefault("cw", 1),
                ContentWarmupIterations = factors.TryGetValue("warmup", out var warmup) ? (int)warmup : applied.ContentWarmupIterations,
            };
        });
    }

    private sealed record Measured(NoiseStartVariant Variant, int Side, int Iterations, double Grain, StyleDistances Distances, double PaintingContent, double SecondsPerIteration);

    public static int Run(NoiseStartOptions options, TextWriter output)
    {
        var vgg = VggWeightFile.Open(Path.Combine(HostPaths.DevelopmentMirror() ?? "models", "vgg", "vgg19-imagenet.safetensors"), VggArchitecture.Vgg19, VggWeightConventions.Caffe);
        var (styleLayers, contentLayer) = StyleDistanceMeter.GatysLayers;
        using var meter = new StyleDistanceMeter(vgg, styleLayers, contentLayer);
        var gatys = new GatysStylizer(_ => new VggWeightSource(vgg.Path, vgg.Conventions));
        var variants = options.Variants.Select(Variant).ToList();
        var heading = $"## Measured at {string.Join(" and ", RunsOf(options).Select(r => r.Side).Distinct())} px";
        var report = new StringBuilder(Header(heading, options, variants));
        foreach (var pair in options.Pairs)
        {
            var rows = new List<Measured>();
            foreach (var (side, iterations) in RunsOf(options))
                foreach (var variant in variants)
                {
                    var row = Measure(pair, side, iterations, variant, gatys, meter, options);
                    output.WriteLine(Invariant($"{pair.Name} {side}px {iterations} it {variant.Name,-14} grain {row.Grain:F2}  style {row.Distances.Style:F3}  content {row.Distances.Content:F3} ({row.Distances.Content / row.PaintingContent:F2}× painting's)  {row.SecondsPerIteration * 1000:F0} ms/it"));
                    rows.Add(row);
                }
            report.Append(Section(pair, rows, options));
        }
        MarkdownSections.Replace(options.Markdown, heading, report.ToString());
        output.WriteLine($"Wrote {options.Markdown} and pictures under {options.PicturesDirectory}.");
        return ExitCodes.Ok;
    }

    private static Measured Measure(NoisePair pair, int side, int iterations, NoiseStartVariant variant, GatysStylizer gatys, StyleDistanceMeter meter, NoiseStartOptions options)
    {
        var photo = ImageResizer.FitWithin(ImageDecoder.DecodeFile(SharedImage("content", pair.Photo)), side);
        var painting = ImageResizer.FitWithin(ImageDecoder.DecodeFile(SharedImage("styles", pair.Painting)), side);
        var settings = variant.Apply(new GatysOptions { MaxSide = side, Iterations = iterations, Seed = 1 });
        var clock = Stopwatch.StartNew();
        var picture = gatys.Stylize(photo, [new StyleInput(painting)], settings);
        var seconds = clock.Elapsed.TotalSeconds;
        var folder = Directory.CreateDirectory(Path.Combine(options.PicturesDirectory, pair.Name)).FullName;
        File.WriteAllBytes(Path.Combine(folder, $"{side}-{iterations}-{variant.Name}.png"), ImageEncoder.Encode(picture, EncodedFormat.Png));
        var paintingAsPicture = ImageResizer.Resize(painting, photo.Width, photo.Height);
        return new Measured(variant, side, iterations, Grain.Ratio(picture, painting), meter.Measure(picture, photo, painting),
            meter.Measure(paintingAsPicture, photo, painting).Content, seconds / (settings.Iterations * settings.ScaleLevels));
    }

    private static IReadOnlyList<(int Side, int Iterations)> RunsOf(NoiseStartOptions options) =>
        options.Runs ?? [.. options.Sides.SelectMany(s => options.Iterations.Select(i => (s, i)))];

    private static string Header(string heading, NoiseStartOptions options, IReadOnlyList<NoiseStartVariant> variants) =>
        $"{heading}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench noise-start` on {MachineInfo.CpuModel()} " +
        $"({Environment.ProcessorCount} cores, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`). Every run: the engine's defaults otherwise " +
        "(VGG19, L-BFGS, bfloat16), seed 1. **Grain**: mean absolute 3×3 Laplacian of the luminance, picture ÷ the painting resized " +
        "to the picture's size. **Style distance**: mean over relu1_1…relu5_1 of the relative Gram error (lower: more of the painting). " +
        "**Content distance**: ‖F(x) − F(photo)‖/‖F(photo)‖ at relu4_2, and that as a multiple of the painting's own. Seconds per " +
        "iteration include loading the network and the targets.\n\n" +
        string.Concat(variants.Select(v => $"- `{v.Name}`: {v.Description}\n")) + "\n";

    private static string Section(NoisePair pair, IReadOnlyList<Measured> rows, NoiseStartOptions options)
    {
        var text = new StringBuilder($"### {pair.Name}\n\n");
        text.Append("| size | iterations | start | grain | style distance | content distance | content ÷ painting's | ms/iteration |\n");
        text.Append("|---:|---:|---|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
            text.Append(Invariant($"| {r.Side} | {r.Iterations} | {r.Variant.Name} | {r.Grain:F2} | {r.Distances.Style:F3} | {r.Distances.Content:F3} | {r.Distances.Content / r.PaintingContent:F2} | {r.SecondsPerIteration * 1000:F0} |\n"));
        var folder = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(options.Markdown))!, Path.Combine(options.PicturesDirectory, pair.Name));
        var largest = rows.Max(r => (r.Side, r.Iterations));
        var shown = rows.Where(r => (r.Side, r.Iterations) == largest).ToList();
        text.Append(CultureInfo.InvariantCulture, $"\n{largest.Side} px, {largest.Iterations} iterations:\n\n| {string.Join(" | ", shown.Select(r => r.Variant.Name))} |\n|{string.Concat(shown.Select(_ => "---|"))}\n");
        text.Append(CultureInfo.InvariantCulture, $"| {string.Join(" | ", shown.Select(r => $"![{pair.Name}, {r.Variant.Name}]({folder}/{r.Side}-{r.Iterations}-{r.Variant.Name}.png)"))} |\n\n");
        return text.ToString();
    }

    private static string SharedImage(string folder, string name) =>
        File.Exists(name) ? name : Path.GetFullPath(Path.Combine(HostPaths.DevelopmentMirror() ?? throw new FileNotFoundException("No ../shared/models mirror."), "..", "images", folder, name));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
