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
            var rows = o.Sizes.Select(size => MeasureSize(o, photo, size, work.FullName, log)).ToList();
            var quality = o.Quality ? MeasureStatistics(o, photo, work.FullName, log) : [];
            MarkdownSections.Publish(o.Markdown, Heading, Render(rows, quality, o), log);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record SizeRow(FrameSize Size, PosterRunResult Tiled, PosterRunResult? Whole, double? Mae, double Seam, double? WholeSeam);

    private sealed record StatisticsRow(string Name, PosterRunResult Run, double Mae, double Seam);

    private static SizeRow MeasureSize(PosterBenchmarkOptions o, string photo, FrameSize size, string work, TextWriter log)
    {
        var input = Input(photo, size, work);
        var pixels = (long)size.Width * size.Height;
        // A size the limit paints whole is cut in 1024 px cores, so that its tiled row is tiled.
        var forced = TileSizing.CoreFor(size.Width, size.Height, new FastStyleOptions()) == 0 ? ForcedCore : (int?)null;
        var tiledRaw = Path.Combine(work, "tiled.rgb");
        var encoded = Path.Combine(work, "tiled.jpg");
        List<string> tiledArgs = ["--raw", tiledRaw, "--out", encoded, "--statistics", "Downscaled"];
        if (forced is { } core) tiledArgs.AddRange(["--tile", core.ToString(CultureInfo.InvariantCulture)]);
        var tiled = Child(o, input, tiledArgs, log);
        var picture = Raw(tiledRaw, tiled);
        var (_, columns, rows) = TilePlan.ForPicture(tiled.Width, tiled.Height, new FastStyleOptions().EdgePadding, tiled.Core);
        var seam = SeamMeasure.Ratio(picture, columns, rows);
        if (pixels > o.WholeMaxPixels)
        {
            Report(log, size, "tiled", tiled, null, seam);
            return new SizeRow(size, tiled, null, null, seam, null);
        }
        var wholeRaw = Path.Combine(work, "whole.rgb");
        var whole = Child(o, input, ["--whole", "--raw", wholeRaw], log);
        var reference = Raw(wholeRaw, whole);
        var mae = MeanAbsoluteError(picture, reference);
        Report(log, size, "tiled", tiled, mae, seam);
        Report(log, size, "whole", whole, null, SeamMeasure.Ratio(reference, columns, rows));
        return new SizeRow(size, tiled, whole, mae, seam, SeamMeasure.Ratio(reference, columns, rows));
    }

    /// <summary>Float32 at 2048²: whole, then tiles with exact, downscaled and per-tile statistics; pictures of a border.</summary>
    private static IReadOnlyList<StatisticsRow> MeasureStatistics(PosterBenchmarkOptions o, string photo, string work, TextWriter log)
    {
        var input = Input(photo, o.QualitySize, work);
        var wholeRaw = Path.Combine(work, "q-whole.rgb");
        var whole = Child(o, input, ["--whole", "--precision", "Float32", "--raw", wholeRaw], log);
        var reference = Raw(wholeRaw, whole);
        var core = TileSizing.CoreFor(8192, 8192, new FastStyleOptions());
        var (_, columns, rows) = TilePlan.ForPicture(whole.Width, whole.Height, new FastStyleOptions().EdgePadding, core);
        var variants = new List<(string Name, string[] Args)> { ("exact", ["--statistics", "Exact"]) };
        variants.AddRange(o.StatisticsPixels.Select(p => ($"downscaled, {p / 1e6:0.##} MP", new[] { "--statistics", "Downscaled", "--statistics-pixels", p.ToString(CultureInfo.InvariantCulture) })));
        variants.Add(("per tile", ["--statistics", "PerTile"]));
        var results = new List<StatisticsRow> { new("whole (reference)", whole, 0, SeamMeasure.Ratio(reference, columns, rows)) };
        var crops = new List<RgbImage> { Crop(reference, columns, rows) };
        foreach (var (name, args) in variants)
        {
            var raw = Path.Combine(work, "q.rgb");
            var run = Child(o, input, [.. args, "--precision", "Float32", "--tile", core.ToString(CultureInfo.InvariantCulture), "--raw", raw], log);
            var picture = Raw(raw, run);
            var row = new StatisticsRow(name, run, MeanAbsoluteError(picture, reference), SeamMeasure.Ratio(picture, columns, rows));
            log.WriteLine($"  {o.QualitySize} float32 {name,-22} {run.Seconds,7:F1} s  MAE {row.Mae:F3}  seam {row.Seam:F3}");
            results.Add(row);
            if (name is "per tile" || name.StartsWith("downscaled, 1 MP", StringComparison.Ordinal) || name == "exact") crops.Add(Crop(picture, columns, rows));
        }
        SavePictures(o, crops);
        return results;
    }

    private static void Report(TextWriter log, FrameSize size, string mode, PosterRunResult run, double? mae, double seam) =>
        log.WriteLine($"  {size,-10} {mode,-6} {run.Seconds,7:F1} s  {MegapixelsPerSecond(run),5:F2} MP/s  peak {run.PeakMb,6:F0} MB  core {run.Core}  tiles {run.Tiles}" +
                      (mae is { } m ? $"  MAE {m:F3}" : "") + $"  seam {seam:F3}");

    private static string Input(string photo, FrameSize size, string work)
    {
        var path = Path.Combine(work, $"in-{size}.jpg");
        using var file = File.Create(path);
        ImageEncoder.EncodeTo(BenchPhotos.Load(photo, size.Width, size.Height), file, EncodedFormat.Jpeg, 95);
        GC.Collect();
        return path;
    }

    private static PosterRunResult Child(PosterBenchmarkOptions o, string input, IReadOnlyList<string> args, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stylegallery-bench.dll"));
        foreach (var a in (string[])["poster-run", "--style", o.Style, "--in", input, "--shared", o.SharedRoot, .. args]) start.ArgumentList.Add(a);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            log.WriteLine(stderr.Result);
            throw new InvalidOperationException($"poster-run failed ({process.ExitCode}): {string.Join(' ', args)}");
        }
        return JsonSerializer.Deserialize<PosterRunResult>(line)!;
    }

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

    private static void SavePictures(PosterBenchmarkOptions o, IReadOnlyList<RgbImage> crops)
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
        using var file = File.Create(Path.Combine(o.Pictures, "tile_border_crops.jpg"));
        ImageEncoder.EncodeTo(strip, file, EncodedFormat.Jpeg, 90);
    }

    private static string Render(IReadOnlyList<SizeRow> sizes, IReadOnlyList<StatisticsRow> statistics, PosterBenchmarkOptions o)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run --project StyleGallery.Bench -c Release -- poster` ({DateTime.UtcNow:yyyy-MM-dd}, {MachineInfo.CpuModel()}, {Environment.ProcessorCount} cores, shared with other work: timings are disturbed). ")
            .AppendLine(CultureInfo.InvariantCulture, $"Style {o.Style}, {o.Photo} resampled to each size, bfloat16 (the default), tiles sized for the 2.5 GB limit ({ForcedCore} px cores where the limit paints the picture whole), downscaled statistics (the fast option; exact statistics cost about 9.5× the painting, table below). ")
            .AppendLine("Each painting runs alone in a child process; peak RSS is its VmHWM (decode, paint and, for the tiled one, a JPEG encode). Seconds are the painting only. ")
            .AppendLine("MAE is tiled vs whole in grey levels; the seam measure is the gradient energy across tile borders over that across other lines on the same 4-pixel phase (1: no seam), for the whole picture at the same lines too.")
            .AppendLine();
        text.AppendLine("| size | MP | tiled s | tiled MP/s | tiled peak RSS | core × tiles | whole s | whole MP/s | whole peak RSS | tiled / whole time per MP | MAE | seam tiled (whole) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var wholeRate = sizes.Where(r => r.Whole is not null).Select(r => r.Whole!.Seconds / Megapixels(r.Whole)).DefaultIfEmpty(double.NaN).Max();
        foreach (var r in sizes)
        {
            var ratio = r.Tiled.Seconds / Megapixels(r.Tiled) / (r.Whole is { } w ? w.Seconds / Megapixels(w) : wholeRate);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Size} | {Megapixels(r.Tiled):F1} | {r.Tiled.Seconds:F1} | {MegapixelsPerSecond(r.Tiled):F2} | {r.Tiled.PeakMb / 1024:F2} GB | {r.Tiled.Core} × {r.Tiled.Tiles} | " +
                $"{Cell(r.Whole?.Seconds, "F1")} | {Cell(r.Whole is { } w2 ? MegapixelsPerSecond(w2) : null, "F2")} | {Cell(r.Whole?.PeakMb / 1024, "F2", " GB")} | " +
                $"{ratio:F2}{(r.Whole is null ? "*" : "")} | {Cell(r.Mae, "F3")} | {r.Seam:F3} ({Cell(r.WholeSeam, "F3")}) |");
        }
        text.AppendLine().AppendLine("\\* against the slowest whole painting per megapixel above (a whole 4096² or 8192² picture does not fit this machine's memory).");
        if (statistics.Count == 0) return text.ToString();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"The tiles' statistics, float32 at {o.QualitySize}, the 8192² tile size ({statistics[1].Run.Core} px cores, {statistics[1].Run.Tiles} tiles):").AppendLine();
        text.AppendLine("| statistics | s | MAE vs whole | seam |").AppendLine("|---|---:|---:|---:|");
        foreach (var s in statistics) text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Run.Seconds:F1} | {s.Mae:F3} | {s.Seam:F3} |");
        text.AppendLine().AppendLine("![256 px at 100 % around a tile corner: whole, exact statistics, downscaled (1 MP), per tile](poster/tile_border_crops.jpg)");
        return text.ToString();
    }

    private static double Megapixels(PosterRunResult run) => (double)run.Width * run.Height / 1e6;

    private static string Cell(double? value, string format, string unit = "") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "n/a";
}
