using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench poster</c>: fast styles at 1080p to 8192², tiled and (where it fits) whole, each painting alone
/// in a child process (<see cref="PosterRun"/>) so its peak RSS is its own; then tiled vs whole (mean absolute error) and
/// the seam measure, and in float32 at 2048² how the tiles' statistics compare. Writes a section of docs/benchmarks.md
/// and crops across a tile border into docs/poster/.
/// </summary>
public static class PosterBenchmark
{
    private const string Heading = "## Posters: fast styles in tiles";

    private const int ForcedCore = 1024;

    public static int Run(PosterBenchmarkOptions o, TextWriter log)
    {
        var photo = Path.Combine(o.SharedRoot, "images", "content", o.Photo);
        if (!File.Exists(photo))
        {
            log.WriteLine($"Photo not found: {Path.GetFullPath(photo)} (run from the repository root).");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("sg-poster-");
        try
        {
            var rows = o.Sizes.SelectMany(size => MeasureSize(o, photo, size, work.FullName, log)).ToList();
            var quality = o.Quality ? MeasureStatistics(o, photo, work.FullName, log) : [];
            MarkdownSections.Publish(o.Markdown, Heading, Render(rows, quality, o), log);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record SizeRow(FrameSize Size, string Statistics, PosterRunResult Tiled, PosterRunResult? Whole, double? Mae, double Seam, double? WholeSeam);

    private sealed record StatisticsRow(string Name, PosterRunResult Run, double Mae, double Seam);

    /// <summary>One size: whole where it fits <see cref="PosterBenchmarkOptions.WholeMaxPixels"/>, then tiled once per statistics variant.</summary>
    private static IEnumerable<SizeRow> MeasureSize(PosterBenchmarkOptions o, string photo, FrameSize size, string work, TextWriter log)
    {
        var input = Input(photo, size, work);
        var pixels = (long)size.Width * size.Height;
        // A size the limit paints whole is cut in 1024 px cores, so that its tiled row is tiled.
        var forced = TileSizing.CoreFor(size.Width, size.Height, new FastStyleOptions()) == 0 ? ForcedCore : (int?)null;
        RgbImage? reference = null;
        PosterRunResult? whole = null;
        if (pixels <= o.WholeMaxPixels)
        {
            var wholeRaw = Path.Combine(work, "whole.rgb");
            whole = Child(o, input, ["--whole", "--raw", wholeRaw], log);
            reference = Raw(wholeRaw, whole);
            File.Delete(wholeRaw);
        }
        var rows = new List<SizeRow>();
        foreach (var variant in o.SizeStatistics)
        {
            var tiledRaw = Path.Combine(work, "tiled.rgb");
            var encoded = Path.Combine(work, "tiled.jpg");
            List<string> tiledArgs = ["--raw", tiledRaw, "--out", encoded, .. variant.Arguments()];
            if (forced is { } core) tiledArgs.AddRange(["--tile", core.ToString(CultureInfo.InvariantCulture)]);
            var tiled = Child(o, input, tiledArgs, log);
            var picture = Raw(tiledRaw, tiled);
            File.Delete(tiledRaw);
            var (_, columns, lines) = TilePlan.ForPicture(tiled.Width, tiled.Height, new FastStyleOptions().EdgePadding, tiled.Core);
            var seam = SeamMeasure.Ratio(picture, columns, lines);
            var mae = reference is null ? (double?)null : MeanAbsoluteError(picture, reference);
            var wholeSeam = reference is null ? (double?)null : SeamMeasure.Ratio(reference, columns, lines);
            Report(log, size, variant.ToString(), tiled, mae, seam);
            if (variant.IsDefault)
                SaveBorder(o, size, picture, reference, columns, lines);
            rows.Add(new SizeRow(size, variant.ToString(), tiled, whole, mae, seam, wholeSeam));
        }
        if (whole is not null) Report(log, size, "whole", whole, null, rows[0].WholeSeam ?? double.NaN);
        return rows;
    }

    /// <summary>Float32 at <see cref="PosterBenchmarkOptions.QualitySize"/> in <see cref="PosterBenchmarkOptions.QualityCore"/> px cores: whole, then each statistics variant; pictures of a border.</summary>
    private static IReadOnlyList<StatisticsRow> MeasureStatistics(PosterBenchmarkOptions o, string photo, string work, TextWriter log)
    {
        var input = Input(photo, o.QualitySize, work);
        var wholeRaw = Path.Combine(work, "q-whole.rgb");
        var whole = Child(o, input, ["--whole", "--precision", "Float32", "--raw", wholeRaw], log);
        var reference = Raw(wholeRaw, whole);
        var core = o.QualityCore;
        var (_, columns, rows) = TilePlan.ForPicture(whole.Width, whole.Height, new FastStyleOptions().EdgePadding, core);
        var results = new List<StatisticsRow> { new("whole (reference)", whole, 0, SeamMeasure.Ratio(reference, columns, rows)) };
        var crops = new List<RgbImage> { Crop(reference, columns, rows) };
        foreach (var variant in o.QualityVariants)
        {
            var name = variant.ToString();
            var raw = Path.Combine(work, "q.rgb");
            var run = Child(o, input, [.. variant.Arguments(), "--precision", "Float32", "--tile", core.ToString(CultureInfo.InvariantCulture), "--raw", raw], log);
            var picture = Raw(raw, run);
            var row = new StatisticsRow(name, run, MeanAbsoluteError(picture, reference), SeamMeasure.Ratio(picture, columns, rows));
            log.WriteLine($"  {o.QualitySize} float32 {name,-26} {run.Seconds,7:F1} s  sample {run.SampleTiles,3}  MAE {row.Mae:F3}  seam {row.Seam:F3}");
            results.Add(row);
            if (variant.Mode != TileStatistics.Sampled || variant.IsDefault) crops.Add(Crop(picture, columns, rows));
        }
        SaveStrip(o, crops, "tile_border_crops.jpg");
        return results;
    }

    private static void Report(TextWriter log, FrameSize size, string mode, PosterRunResult run, double? mae, double seam) =>
        log.WriteLine($"  {size,-10} {mode,-22} {run.Seconds,7:F1} s  {MegapixelsPerSecond(run),5:F2} MP/s  peak {run.PeakMb,6:F0} MB  core {run.Core}  tiles {run.Tiles}  sample {run.SampleTiles}" +
                      (mae is { } m ? $"  MAE {m:F3}" : "") + $"  seam {seam:F3}");

    private static string Input(string photo, FrameSize size, string work)
    {
        var path = Path.Combine(work, $"in-{size}.jpg");
        using var file = File.Create(path);
        ImageEncoder.EncodeTo(BenchPhotos.Load(photo, size.Width, size.Height), file, EncodedFormat.Jpeg, 95);
        GC.Collect();
        return path;
    }

    private static PosterRunResult Child(PosterBenchmarkOptions o, string input, IReadOnlyList<string> args, TextWriter log) =>
        ChildRun.Json<PosterRunResult>(["poster-run", "--style", o.Style, "--in", input, "--shared", o.SharedRoot, .. args], log);

    private static RgbImage Raw(string path, PosterRunResult run) => new(run.Width, run.Height, File.ReadAllBytes(path));

    private static double MeanAbsoluteError(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)sum / a.Pixels.Length;
    }

    private static double MegapixelsPerSecond(PosterRunResult run) => (double)run.Width * run.Height / 1e6 / run.Seconds;

    /// <summary>256 × 256 at 100 % around the first corner where four tiles meet.</summary>
    private static RgbImage Crop(RgbImage picture, IReadOnlyList<int> columns, IReadOnlyList<int> rows)
    {
        const int side = 256;
        var x = Math.Clamp((columns.Count > 0 ? columns[0] : picture.Width / 2) - side / 2, 0, picture.Width - side);
        var y = Math.Clamp((rows.Count > 0 ? rows[0] : picture.Height / 2) - side / 2, 0, picture.Height - side);
        return picture.Crop(x, y, side, side);
    }

    /// <summary>The default statistics' painting beside the whole one (where there is one), 256 px at 100 % around a tile corner.</summary>
    private static void SaveBorder(PosterBenchmarkOptions o, FrameSize size, RgbImage tiled, RgbImage? whole, IReadOnlyList<int> columns, IReadOnlyList<int> rows)
    {
        var crops = whole is null ? [Crop(tiled, columns, rows)] : new List<RgbImage> { Crop(whole, columns, rows), Crop(tiled, columns, rows) };
        SaveStrip(o, crops, $"border_{size}.jpg");
    }

    private static void SaveStrip(PosterBenchmarkOptions o, IReadOnlyList<RgbImage> crops, string name)
    {
        const int gap = 8;
        var side = crops[0].Width;
        var strip = RgbImage.Filled(crops.Count * side + (crops.Count - 1) * gap, side, 255, 255, 255);
        for (var i = 0; i < crops.Count; i++)
        {
            for (var y = 0; y < side; y++)
                Array.Copy(crops[i].Pixels, y * side * 3, strip.Pixels, (y * strip.Width + i * (side + gap)) * 3, side * 3);
        }
        Directory.CreateDirectory(o.Pictures);
        using var file = File.Create(Path.Combine(o.Pictures, name));
        ImageEncoder.EncodeTo(strip, file, EncodedFormat.Jpeg, 90);
    }

    private static string Render(IReadOnlyList<SizeRow> sizes, IReadOnlyList<StatisticsRow> statistics, PosterBenchmarkOptions o)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{Command}` ({DateTime.UtcNow:yyyy-MM-dd}, {MachineInfo.CpuModel()}, {Environment.ProcessorCount} cores, load average {MachineInfo.LoadAverage():F2} at the end: where that is above about 1, other work shared the CPU and the seconds are disturbed; compare ratios). ")
            .AppendLine(CultureInfo.InvariantCulture, $"Style {o.Style}, {o.Photo} resampled to each size, bfloat16 (the default), tiles sized for the 2.5 GB limit ({ForcedCore} px cores where the limit paints the picture whole), once per way of taking the tiles' statistics. ")
            .AppendLine("Each painting runs alone in a child process; peak RSS is its VmHWM (decode, paint and, for the tiled one, a JPEG encode). Seconds are the painting only, statistics included. ")
            .AppendLine("MAE is tiled vs whole in grey levels; the seam measure is the gradient energy across tile borders over that across other lines on the same 4-pixel phase (1: no seam), for the whole picture at the same lines too.")
            .AppendLine();
        text.AppendLine("| size | statistics | MP | tiled s | tiled MP/s | tiled peak RSS | core × tiles (sample) | whole s | whole MP/s | whole peak RSS | tiled / whole time per MP | MAE | seam tiled (whole) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var wholeRate = sizes.Where(r => r.Whole is not null).Select(r => r.Whole!.Seconds / Megapixels(r.Whole)).DefaultIfEmpty(double.NaN).Last();
        foreach (var r in sizes)
        {
            var ratio = r.Tiled.Seconds / Megapixels(r.Tiled) / (r.Whole is { } w ? w.Seconds / Megapixels(w) : wholeRate);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Size} | {r.Statistics} | {Megapixels(r.Tiled):F1} | {r.Tiled.Seconds:F1} | {MegapixelsPerSecond(r.Tiled):F2} | {r.Tiled.PeakMb / 1024:F2} GB | {r.Tiled.Core} × {r.Tiled.Tiles}{(r.Tiled.SampleTiles > 0 ? $" ({r.Tiled.SampleTiles})" : "")} | " +
                $"{Cell(r.Whole?.Seconds, "F1")} | {Cell(r.Whole is { } w2 ? MegapixelsPerSecond(w2) : null, "F2")} | {Cell(r.Whole?.PeakMb / 1024, "F2", " GB")} | " +
                $"{ratio:F2}{(r.Whole is null ? "*" : "")} | {Cell(r.Mae, "F3")} | {r.Seam:F3} ({Cell(r.WholeSeam, "F3")}) |");
        }
        text.AppendLine().AppendLine("\\* against the largest whole painting's time per megapixel above (a whole 8192² picture does not fit this machine's memory).");
        foreach (var size in sizes.Select(r => r.Size).Distinct())
        {
            var whole = sizes.Any(r => r.Size == size && r.Whole is not null);
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![{size}, 256 px at 100 % around a tile corner: {(whole ? "whole, then tiled with sampled statistics" : "tiled with sampled statistics")}](poster/border_{size}.jpg)");
        }
        if (statistics.Count == 0) return text.ToString();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The tiles' statistics, float32 at {o.QualitySize} in {o.QualityCore} px cores ({statistics[1].Run.Tiles} tiles):").AppendLine();
        text.AppendLine("| statistics | sample tiles | s | MAE vs whole | seam |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var s in statistics) text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {(s.Run.SampleTiles > 0 ? s.Run.SampleTiles.ToString(CultureInfo.InvariantCulture) : "")} | {s.Run.Seconds:F1} | {s.Mae:F3} | {s.Seam:F3} |");
        var shown = string.Join(", ", statistics.Select(s => s.Name).Where(n => !n.StartsWith("sampled, ", StringComparison.Ordinal)));
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![256 px at 100 % around a tile corner: {shown}](poster/tile_border_crops.jpg)");
        return text.ToString();
    }

    /// <summary>The command that reproduces this section.</summary>
    internal const string Command = "GLIBC_TUNABLES=glibc.malloc.hugetlb=1 dotnet run --project StyleGallery.Bench -c Release -- poster";

    private static double Megapixels(PosterRunResult run) => (double)run.Width * run.Height / 1e6;

    private static string Cell(double? value, string format, string unit = "") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "n/a";
}
