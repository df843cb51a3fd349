using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Gatys.Tiling;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench poster-gatys</c>; every default lives here.</summary>
public sealed record GatysPosterOptions
{
    public IReadOnlyList<int> Sizes { get; init; } = [1024, 2048, 4096];

    /// <summary>Sizes up to this side are also evaluated whole, for the comparison.</summary>
    public int WholeMaxSide { get; init; } = 2048;

    /// <summary>A size the memory limit evaluates whole is cut in cores of this size, so that its tiled row is tiled.</summary>
    public int ForcedCore { get; init; } = 512;

    public string Photo { get; init; } = "tubingen.jpg";

    public string Painting { get; init; } = "starry_night.jpg";

    public ComputePrecision Precision { get; init; } = new GatysOptions().Precision;

    public string SharedRoot { get; init; } = Path.Combine("..", "shared");

    public string? Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");
}

/// <summary>What one <c>poster-gatys run</c> measured; one JSON line for the parent.</summary>
public sealed record GatysPosterRunResult(int Side, int Core, int Halo, int Tiles, double CreateSeconds, double Seconds, double PeakMb,
    double EvaluationPeakMb, double Total, double Content, double Style, double Tv);

/// <summary>
/// <c>stylegallery-bench poster-gatys</c>: one Gatys evaluation (loss and gradient, VGG19 to relu5_1, the default loss)
/// at poster sizes, tiled (GatysObjective.Tiled.cs) and whole where it fits, each in its own child process
/// (<c>poster-gatys run</c>) so its peak RSS (VmHWM) is its own; and tiled vs whole: the loss and the gradient's relative
/// difference. Writes a section of docs/benchmarks.md.
/// </summary>
public static class GatysPosterBenchmark
{
    private const string Heading = "## Posters: Gatys evaluations in tiles";

    public static Command Create(TextWriter output)
    {
        var defaults = new GatysPosterOptions();
        var sizes = new Option<string?>("--sizes") { Description = "Comma-separated square sides, e.g. 1024,2048,4096" };
        var wholeMax = new Option<int>("--whole-max") { Description = "Also evaluate whole up to this side", DefaultValueFactory = _ => defaults.WholeMaxSide };
        var precision = new Option<ComputePrecision>("--precision") { DefaultValueFactory = _ => defaults.Precision };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("poster-gatys", "One Gatys evaluation (loss + gradient) at poster sizes, tiled and whole where it fits: seconds, peak RSS, tiled vs whole")
        {
            sizes, wholeMax, precision, markdown, RunCommand(output),
        };
        command.SetAction(parsed => Run(defaults with
        {
            Sizes = parsed.GetValue(sizes) is { } s ? s.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList() : defaults.Sizes,
            WholeMaxSide = parsed.GetValue(wholeMax),
            Precision = parsed.GetValue(precision),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private sealed record Row(int Side, GatysPosterRunResult Tiled, GatysPosterRunResult? Whole, double? LossDifference, double? GradientDifference);

    public static int Run(GatysPosterOptions o, TextWriter log)
    {
        var work = Directory.CreateTempSubdirectory("sg-poster-gatys-");
        try
        {
            var rows = new List<Row>();
            foreach (var side in o.Sizes)
            {
                var forced = GatysTileSizing.TilingFor(side, side, RunOptions(o.Precision)) is null ? o.ForcedCore : (int?)null;
                var tiledGradient = Path.Combine(work.FullName, "tiled.f32");
                var whole = side <= o.WholeMaxSide;
                List<string> args = ["--size", Text(side), "--precision", o.Precision.ToString()];
                if (forced is { } core) args.AddRange(["--tile", Text(core)]);
                if (whole) args.AddRange(["--gradient", tiledGradient]);
                var tiled = Child(o, args, log);
                Report(log, "tiled", tiled);
                rows.Add(whole ? WithWhole(o, side, tiled, tiledGradient, work.FullName, log) : new Row(side, tiled, null, null, null));
                // Published after every size: the large ones take long on this CPU, and each row stands alone.
                MarkdownSections.Publish(o.Markdown, Heading, Render([.. rows.OrderBy(r => r.Side)], o), log);
            }
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The whole picture's evaluation and the differences; a whole run that fails (out of memory) leaves the row tiled only.</summary>
    private static Row WithWhole(GatysPosterOptions o, int side, GatysPosterRunResult tiled, string tiledGradient, string work, TextWriter log)
    {
        var wholeGradient = Path.Combine(work, "whole.f32");
        GatysPosterRunResult reference;
        try
        {
            reference = Child(o, ["--size", Text(side), "--precision", o.Precision.ToString(), "--whole", "--gradient", wholeGradient], log);
        }
        catch (InvalidOperationException e)
        {
            log.WriteLine($"  {side}² whole: {e.Message}");
            return new Row(side, tiled, null, null, null);
        }
        Report(log, "whole", reference);
        var lossDifference = Math.Abs(tiled.Total - reference.Total) / Math.Abs(reference.Total);
        var gradientDifference = RelativeDifference(tiledGradient, wholeGradient);
        log.WriteLine($"  {side}² tiled vs whole: loss {lossDifference:E2}, gradient {gradientDifference:E2} (relative)");
        return new Row(side, tiled, reference, lossDifference, gradientDifference);
    }

    /// <summary>The options of the measured evaluation: the defaults with Adam's state (2 copies) for the memory sizing.</summary>
    public static GatysOptions RunOptions(ComputePrecision precision) => new() { Precision = precision, Optimizer = GatysOptimizer.Adam };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Report(TextWriter log, string mode, GatysPosterRunResult r) =>
        log.WriteLine($"  {r.Side}² {mode,-5} targets {r.CreateSeconds,6:F1} s  evaluation {r.Seconds,7:F1} s  peak {r.PeakMb,6:F0} MB (evaluation {r.EvaluationPeakMb,6:F0} MB)  " +
                      $"core {r.Core} halo {r.Halo} tiles {r.Tiles}  loss {r.Total:E6}");

    /// <summary>‖a − b‖ / ‖b‖ of two raw float32 files, streamed.</summary>
    private static double RelativeDifference(string a, string b)
    {
        using var fa = File.OpenRead(a);
        using var fb = File.OpenRead(b);
        var (bufferA, bufferB) = (new byte[1 << 20], new byte[1 << 20]);
        double difference = 0, norm = 0;
        int read;
        while ((read = fa.Read(bufferA)) > 0)
        {
            fb.ReadExactly(bufferB, 0, read);
            for (var i = 0; i < read; i += 4)
            {
                double x = BitConverter.ToSingle(bufferA, i), y = BitConverter.ToSingle(bufferB, i);
                difference += (x - y) * (x - y);
                norm += y * y;
            }
        }
        return Math.Sqrt(difference / norm);
    }

    private static GatysPosterRunResult Child(GatysPosterOptions o, IReadOnlyList<string> args, TextWriter log) =>
        ChildRun.Json<GatysPosterRunResult>(["poster-gatys", "run", "--shared", o.SharedRoot, "--photo", o.Photo, "--painting", o.Painting, .. args], log);

    private static string Render(IReadOnlyList<Row> rows, GatysPosterOptions o)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run --project StyleGallery.Bench -c Release -- poster-gatys` ({DateTime.UtcNow:yyyy-MM-dd}, {MachineInfo.CpuModel()}, {Environment.ProcessorCount} cores, shared with other work: timings are disturbed). ")
            .AppendLine(CultureInfo.InvariantCulture, $"One evaluation of the default loss (VGG19, content relu4_2, style relu1_1…relu5_1, total variation) and its gradient, {o.Precision}, {o.Photo} and {o.Painting} resampled to each size, at a picture halfway between the photo and noise. ")
            .AppendLine(CultureInfo.InvariantCulture, $"Tiles sized by the default memory limit ({new GatysOptions().MemoryLimitMegabytes} MB) for an Adam run ({o.ForcedCore} px cores where the limit evaluates the picture whole); halo {(rows.Count > 0 ? rows[0].Tiled.Halo : 0)} px, the receptive field of relu5_1. ")
            .AppendLine("Each evaluation runs alone in a child process; peak RSS is its VmHWM over the whole run (weights, pictures, targets, evaluation). ")
            .AppendLine("Targets: the content features and style Grams, computed once per level (in the same tiles). Differences are tiled vs whole: |Δloss| / loss and ‖Δgradient‖ / ‖gradient‖.")
            .AppendLine();
        text.AppendLine("| size | tiled: core × tiles | targets s | evaluation s | peak RSS | whole: targets s | evaluation s | peak RSS | Δ loss | Δ gradient |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Side}² | {r.Tiled.Core} × {r.Tiled.Tiles} | {r.Tiled.CreateSeconds:F1} | {r.Tiled.Seconds:F1} | {r.Tiled.PeakMb / 1024:F2} GB | " +
                $"{Cell(r.Whole?.CreateSeconds, "F1")} | {Cell(r.Whole?.Seconds, "F1")} | {Cell(r.Whole?.PeakMb / 1024, "F2", " GB")} | {Cell(r.LossDifference, "E1")} | {Cell(r.GradientDifference, "E1")} |");
        }
        return text.ToString();
    }

    private static string Cell(double? value, string format, string unit = "") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "n/a";

    private static Command RunCommand(TextWriter output)
    {
        var defaults = new GatysPosterOptions();
        var size = new Option<int>("--size") { Required = true };
        var tile = new Option<int?>("--tile");
        var whole = new Option<bool>("--whole") { Description = "Never tile" };
        var halo = new Option<int?>("--halo") { Description = "Halo in pixels instead of the receptive field (to measure smaller ones)" };
        var memory = new Option<int>("--memory") { DefaultValueFactory = _ => new GatysOptions().MemoryLimitMegabytes };
        var precision = new Option<ComputePrecision>("--precision") { DefaultValueFactory = _ => defaults.Precision };
        var photo = new Option<string>("--photo") { DefaultValueFactory = _ => defaults.Photo };
        var painting = new Option<string>("--painting") { DefaultValueFactory = _ => defaults.Painting };
        var gradient = new Option<string?>("--gradient") { Description = "Write the gradient here as raw float32" };
        var shared = new Option<string>("--shared") { DefaultValueFactory = _ => defaults.SharedRoot };
        var threads = new Option<int>("--threads");
        var command = new Command("run", "One evaluation in this process: prints a JSON line") { size, tile, whole, halo, memory, precision, photo, painting, gradient, shared, threads };
        command.Hidden = true;
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(threads) is > 0 and var t) set_num_threads(t);
            var options = RunOptions(parsed.GetValue(precision)) with { MaxSide = parsed.GetValue(size), Tile = parsed.GetValue(tile), MemoryLimitMegabytes = parsed.GetValue(memory) };
            var side = parsed.GetValue(size);
            var tiling = parsed.GetValue(whole) ? null
                : parsed.GetValue(halo) is { } h ? GatysTiling.For(options, options.Tile ?? side, h)
                : GatysTileSizing.TilingFor(side, side, options);
            var root = parsed.GetValue(shared)!;
            var result = Evaluate(options, tiling, Path.Combine(root, "images", "content", parsed.GetValue(photo)!),
                Path.Combine(root, "images", "styles", parsed.GetValue(painting)!), Path.Combine(root, "models", "vgg", "vgg19-imagenet.safetensors"),
                side, parsed.GetValue(gradient));
            output.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        });
        return command;
    }

    private static GatysPosterRunResult Evaluate(GatysOptions options, GatysTiling? tiling, string photo, string painting, string vgg, int side, string? gradientFile)
    {
        using var scope = NewDisposeScope();
        var weights = VggWeightFile.Open(vgg, VggArchitecture.Vgg19, VggWeightConventions.Caffe);
        using var net = VggFeatures.Load(weights, options.RequiredLayers, options.Pooling, options.Precision.ToScalarType());
        var content = ImageTensors.ToTensor(BenchPhotos.Load(photo, side, side));
        var style = ImageTensors.ToTensor(BenchPhotos.Load(painting, side, side));
        var noise = rand([1, 3, side, side], generator: new Generator(1)).mul(255f);
        var x = content.add(noise).mul(0.5f);
        noise.Dispose();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        using var objective = GatysObjective.Create(net, options, content, [(style, 1.0)], side, side, tiling);
        var create = clock.Elapsed.TotalSeconds;
        var peakBefore = PeakMemory.PeakMegabytes();
        PeakMemory.Reset();
        clock.Restart();
        var evaluation = objective.Evaluate(x);
        var seconds = clock.Elapsed.TotalSeconds;
        var evaluationPeak = PeakMemory.PeakMegabytes();
        if (gradientFile is not null) File.WriteAllBytes(gradientFile, evaluation.Gradient.contiguous().bytes.ToArray());
        var tiles = tiling?.Tiles(side, side).Count ?? 1;
        return new GatysPosterRunResult(side, tiling?.Core ?? 0, tiling?.Halo ?? 0, tiles, create, seconds, Math.Max(peakBefore, evaluationPeak), evaluationPeak,
            evaluation.TotalLoss, evaluation.ContentLoss, evaluation.StyleLoss, evaluation.TvLoss);
    }
}
