using System.Diagnostics;
using System.Globalization;
using System.Text;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;

namespace StyleGallery.Cli.Bench;

/// <summary>
/// <c>stylegallery bench gatys</c>: our Gatys engine beside the PyTorch reference on the same pixels, weights and
/// settings (preset "gatys", content start, L-BFGS): loss after N evaluations, seconds per evaluation and peak
/// memory per size, and time-to-quality single- vs multi-scale. Measured, not asserted.
/// </summary>
public static class GatysBenchmark
{
    public const string Heading = "## Gatys optimisation";

    public static int Run(GatysBenchmarkOptions o, TextWriter log)
    {
        if (!File.Exists(o.VggPath)) { log.WriteLine($"error: {o.VggPath} is missing (the benchmark reads ../shared)."); return 2; }
        if (o.Threads > 0) TorchSharp.torch.set_num_threads(o.Threads);
        var threads = TorchSharp.torch.get_num_threads();
        var bench = new Runner(o, log, new GatysReference(o, threads));
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        md.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery bench gatys` on {MachineInfo.CpuModel()}, {threads} torch threads, " +
                      $"libtorch {TorchSharp.torch.__version__}, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`. Reference: `bench/gatys_reference.py` " +
                      "(Debian's PyTorch with OpenBLAS) on exactly the same pixels (our resized PNGs), VGG19 weights and settings: preset `gatys` " +
                      $"(content relu4_2, style relu1_1…relu5_1, α=1, β=1000, γ=1), start from the photo, L-BFGS with history {new GatysOptions().LbfgsHistory}, " +
                      $"no line search. Content `{o.Content}`, style `{o.Style}`.").AppendLine();
        bench.Losses(md);
        bench.Timings(md);
        bench.TimeToQuality(md);
        log.WriteLine(md.ToString());
        if (o.Markdown is { } path)
        {
            MarkdownSections.Replace(path, Heading, md.ToString());
            log.WriteLine($"Written to {path}.");
        }
        return 0;
    }

    private sealed class Runner(GatysBenchmarkOptions o, TextWriter log, GatysReference reference)
    {
        private static readonly GatysOptions Defaults = new() { PreviewEveryIterations = int.MaxValue, PreviewMinInterval = TimeSpan.MaxValue };
        private readonly GatysStylizer _stylizer = new(_ => new VggWeightSource(o.VggPath, VggWeightConventions.Caffe));
        private readonly RgbImage _content = ImageDecoder.DecodeFile(o.ContentPath);
        private readonly RgbImage _style = ImageDecoder.DecodeFile(o.StylePath);

        public void Losses(StringBuilder md)
        {
            var evaluations = o.Checkpoints.Max();
            var (content, style, contentPng, stylePng) = Inputs(o.LossSize);
            log.WriteLine($"loss comparison at {content.Width}×{content.Height}, {evaluations} evaluations …");
            Directory.CreateDirectory(o.Pictures);
            var (ours, picture) = Optimise(content, style, Defaults with { MaxSide = o.LossSize, Iterations = evaluations });
            ImageFiles(picture, Path.Combine(o.Pictures, $"ours_{o.LossSize}.png"));
            var theirs = reference.Optimise(contentPng, stylePng, evaluations, Defaults.LbfgsHistory, Path.GetFullPath(Path.Combine(o.Pictures, $"reference_{o.LossSize}.png")));
            md.AppendLine($"### Loss after N evaluations ({content.Width}×{content.Height})").AppendLine();
            md.AppendLine("| evaluations | ours: total | reference: total | ours / reference | ours: style | reference: style |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var n in o.Checkpoints)
            {
                var (a, b) = (ours.At(n), theirs.Trace!.At(n));
                md.AppendLine($"| {n} | {E(a.Total)} | {E(b.Total)} | {a.Total / b.Total:0.000} | {E(a.Style)} | {E(b.Style)} |");
            }
            md.AppendLine().AppendLine($"Pictures after {evaluations} evaluations: [ours](gatys/ours_{o.LossSize}.png), [reference](gatys/reference_{o.LossSize}.png).").AppendLine();
        }

        public void Timings(StringBuilder md)
        {
            md.AppendLine("### Seconds per evaluation and peak memory").AppendLine();
            md.AppendLine($"Median of {o.TimingEvaluations} evaluations after 2 warm-up ones; peak RSS is the process high-water mark during that run (ours: reset before each size; reference: a fresh process per size).").AppendLine();
            md.AppendLine("| size | ours: s/eval | reference: s/eval | ours: peak RSS | reference: peak RSS |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var size in o.TimingSizes)
            {
                var (content, style, contentPng, stylePng) = Inputs(size);
                log.WriteLine($"timing at {content.Width}×{content.Height} …");
                PeakMemory.Reset();
                var (ours, _) = Optimise(content, style, Defaults with { MaxSide = size, Iterations = 2 + o.TimingEvaluations });
                var oursPeak = PeakMemory.PeakMegabytes();
                var theirs = reference.Time(contentPng, stylePng, o.TimingEvaluations, Defaults.LbfgsHistory);
                md.AppendLine($"| {content.Width}×{content.Height} | {ours.MedianSecondsPerEvaluation(2):0.000} | {theirs.SecondsPerEvaluation:0.000} | {oursPeak:0} MB | {theirs.PeakRssMb:0} MB |");
            }
            md.AppendLine();
        }

        public void TimeToQuality(StringBuilder md)
        {
            var (content, style, contentPng, stylePng) = Inputs(o.QualitySize);
            log.WriteLine($"time to quality at {content.Width}×{content.Height} …");
            var theirs = reference.Optimise(contentPng, stylePng, o.QualityEvaluations, Defaults.LbfgsHistory, null).Trace!;
            var target = theirs.At(o.QualityEvaluations).Style;
            var single = Defaults with { MaxSide = o.QualitySize, Iterations = o.QualityEvaluations };
            var (ours, _) = Optimise(content, style, single, target);
            var (multi, _) = Optimise(content, style, single with { ScaleLevels = 3 }, target, finestOnly: true);
            md.AppendLine($"### Time to quality ({content.Width}×{content.Height})").AppendLine();
            md.AppendLine($"Target: the reference's style loss after {o.QualityEvaluations} single-scale evaluations, {E(target)}. Wall time until a run's style loss (at full size) is at or below it; ours includes loading the network and the style targets.").AppendLine();
            md.AppendLine("| run | seconds to target | evaluations to target |");
            md.AppendLine("|---|---:|---:|");
            md.AppendLine($"| reference, single scale | {Seconds(theirs.SecondsToStyle(target))} | {Count(theirs, target)} |");
            md.AppendLine($"| ours, single scale | {Seconds(ours.SecondsToStyle(target))} | {Count(ours, target)} |");
            md.AppendLine($"| ours, coarse-to-fine (3 scales, {o.QualityEvaluations} per scale at most) | {Seconds(multi.SecondsToStyle(target))} | {Count(multi, target)} (all scales) |");
            md.AppendLine();
        }

        /// <summary>Runs our stylizer, tracing every evaluation; stops early once <paramref name="stopAtStyle"/> is reached.</summary>
        private (GatysTrace Trace, RgbImage Picture) Optimise(RgbImage content, RgbImage style, GatysOptions options, double? stopAtStyle = null, bool finestOnly = false)
        {
            var points = new List<GatysTracePoint>();
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var progress = new Inline<GatysProgress>(p =>
            {
                var style = finestOnly && p.ScaleLevel < p.ScaleLevels ? double.PositiveInfinity : p.StyleLoss;
                points.Add(new GatysTracePoint(p.Iteration, p.TotalLoss, style, clock.Elapsed.TotalSeconds));
                if (stopAtStyle is { } target && style <= target) stop.Cancel();
            });
            try
            {
                return (new GatysTrace(points), _stylizer.Stylize(content, [new StyleInput(style)], options, progress, stop.Token));
            }
            catch (StylizationCanceledException e)
            {
                return (new GatysTrace(points), e.LatestImage!);
            }
        }

        /// <summary>The content at the size, the style at the size our engine would give it, and both as PNGs for the reference.</summary>
        private (RgbImage Content, RgbImage Style, string ContentPng, string StylePng) Inputs(int size)
        {
            var (cw, ch) = ImageResizer.SizeWithLongestSide(_content.Width, _content.Height, size);
            var (sw, sh) = ImageResizer.SizeWithLongestSide(_style.Width, _style.Height, (int)Math.Round(size * Defaults.StyleScale));
            var content = ImageResizer.Resize(_content, cw, ch);
            var style = ImageResizer.Resize(_style, sw, sh);
            return (content, style, Png(content, $"content_{size}"), Png(style, $"style_{size}"));
        }

        private static string Png(RgbImage image, string name)
        {
            var path = Path.Combine(Path.GetTempPath(), $"stylegallery-bench-{name}.png");
            File.WriteAllBytes(path, ImageEncoder.Encode(image, EncodedFormat.Png));
            return path;
        }

        private static void ImageFiles(RgbImage image, string path) => File.WriteAllBytes(path, ImageEncoder.Encode(image, EncodedFormat.Png));

        private static string E(double v) => v.ToString("0.000e+0", CultureInfo.InvariantCulture);
        private static string Seconds(double? s) => s is { } v ? $"{v:0.0}" : "not reached";
        private static string Count(GatysTrace t, double target) => t.Points.FirstOrDefault(p => p.Style <= target)?.Evaluation.ToString() ?? "—";
    }

    /// <summary>Reports on the optimiser's own thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
