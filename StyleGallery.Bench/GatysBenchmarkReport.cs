using System.Globalization;
using System.Text;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>Writes the "Gatys optimisation" section of docs/benchmarks.md and the side-by-side pictures.</summary>
internal static class GatysBenchmarkReport
{
    public const string Heading = "## Gatys optimisation";

    /// <summary>Relative loss gap the issue allows (ours within 2 % of the reference, or lower).</summary>
    private const double LossTolerance = 0.02;

    private static readonly (int Side, double Seconds)[] SpeedTargets = [(256, 0.30), (512, 1.4)];

    public static void Publish(GatysBenchmarkResults r, GatysBenchmarkOptions o, TextWriter log)
    {
        var pictures = SavePictures(r, o);
        var section = Render(r, o, pictures);
        log.WriteLine(section);
        if (o.Markdown is { } path) WriteInto(path, section);
    }

    /// <summary>Replaces this section (up to the next level-2 heading) or appends it; other sections stay as they are.</summary>
    public static void WriteInto(string path, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var start = existing.IndexOf(Heading, StringComparison.Ordinal);
        string updated;
        if (start < 0) updated = existing.TrimEnd() + "\n\n" + section;
        else
        {
            var next = existing.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? "" : "\n" + existing[(next + 1)..]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, updated);
    }

    private static string Render(GatysBenchmarkResults r, GatysBenchmarkOptions o, IReadOnlyList<string> pictures)
    {
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        AppendSetup(md, r, o);
        AppendLosses(md, r, o);
        AppendSpeeds(md, r, o);
        AppendQuality(md, r, o);
        if (pictures.Count > 0)
            md.AppendLine(CultureInfo.InvariantCulture, $"Side-by-side pictures (ours left, reference right): {string.Join(", ", pictures.Select(p => $"`{p}`"))}; see docs/gatys.md.").AppendLine();
        return md.ToString();
    }

    private static void AppendSetup(StringBuilder md, GatysBenchmarkResults r, GatysBenchmarkOptions o)
    {
        var b = GatysBenchmark.BaseOptions(o);
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {r.When:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench gatys{(o.IsQuick ? " --quick" : "")}` on {r.Cpu}, {o.Threads} torch threads on both sides, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Reference: `bench/gatys_reference.py` (PyTorch {r.TorchVersion}), one fresh process per measurement. Both sides: preset `gatys` (VGG19, content relu4_2, style relu1_1…relu5_1), α = {F(b.ContentWeight)}, β = {F(b.StyleWeight)}, γ = {F(b.TvWeight)} (isotropic TV), L-BFGS with history {b.LbfgsHistory}, one evaluation per iteration, pixels clamped to 0..255. " +
            $"Ours: the loss network's convolutions in {b.Precision} (`--precision {b.Precision}`{(b.Precision == new GatysOptions().Precision ? ", the default" : ", not the default")}; mixed precision: pixels, losses, gradient and L-BFGS in float32; our losses are measured through that network); the reference is float32 throughout.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Losses: both sides get the same content and style pixels (resized once by our resizer to a longest side of {o.LossSide}) and the same start image (seeded uniform noise, seed {o.Seed}), via `--content-png/--style-png/--init-image`. Loss after k = the k-th evaluation's unweighted total.");
        md.AppendLine();
    }

    private static void AppendLosses(StringBuilder md, GatysBenchmarkResults r, GatysBenchmarkOptions o)
    {
        md.AppendLine("| pair | size | evaluations | our total loss | reference total loss | ours / reference | our style | reference style | verdict |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in r.Losses)
            foreach (var k in o.Checkpoints)
            {
                if (c.Ours.At(k) is not { } mine || c.Reference.At(k) is not { } theirs) continue;
                var ratio = mine.Total / theirs.Total;
                md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Pair.Name} | {c.Width}×{c.Height} | {k} | {E(mine.Total)} | {E(theirs.Total)} | {ratio:F3} | {E(mine.Style)} | {E(theirs.Style)} | {Check(ratio <= 1 + LossTolerance, "≤ 1.02")} |");
            }
        md.AppendLine();
    }

    private static void AppendSpeeds(StringBuilder md, GatysBenchmarkResults r, GatysBenchmarkOptions o)
    {
        md.AppendLine("| size | our s/evaluation | reference s/evaluation | our peak RSS MB | reference peak RSS MB | verdict |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var s in r.Speeds)
        {
            var target = SpeedTargets.FirstOrDefault(t => t.Side == s.Side).Seconds;
            var verdicts = new List<string> { Check(s.OurSecondsPerEval <= s.ReferenceSecondsPerEval, "not slower than the reference") };
            if (target > 0) verdicts.Add(Check(s.OurSecondsPerEval <= target, $"≤ {F(target)} s"));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Side}² | {s.OurSecondsPerEval:F3} | {s.ReferenceSecondsPerEval:F3} | {F0(s.OurPeakRssMb)} | {F0(s.ReferencePeakRssMb)} | {string.Join("; ", verdicts)} |");
        }
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Seconds per evaluation: median of {o.TimedEvals} timed evaluations after {o.WarmupEvals} warm-up ones (forward + backward + optimiser step; ours measured between the job's progress reports), {o.Pairs[0].Name} resampled to the square. Our peak RSS is VmHWM, reset before each size (`/proc/self/clear_refs`), so it is that size's peak plus what the process already held; the reference's is its own process's VmHWM (`bench/memory.py`).");
        md.AppendLine();
    }

    private static void AppendQuality(StringBuilder md, GatysBenchmarkResults r, GatysBenchmarkOptions o)
    {
        if (r.Quality is not { } q) return;
        md.AppendLine(CultureInfo.InvariantCulture, $"Time-to-quality at {q.Width}×{q.Height} ({o.Pairs[0].Name}): target = the reference's style loss after {o.QualityEvals} single-scale evaluations, {E(q.StyleTarget)} (reached in {q.ReferenceSeconds:F1} s of optimisation, setup excluded). Ours: wall time from the job's start (loss network and targets included) until the style loss at full size first falls below the target.");
        md.AppendLine();
        md.AppendLine("| contender | seconds to target |");
        md.AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| reference, single-scale | {q.ReferenceSeconds:F1} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ours, single-scale | {Seconds(q.SingleScaleSeconds)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| ours, {q.MultiscaleLevels}-level multi-scale ({o.MultiscaleIterationsPerLevel} evaluations per level at most) | {Seconds(q.MultiscaleSeconds)} |");
        md.AppendLine();
        var half = q.MultiscaleSeconds < q.SingleScaleSeconds / 2;
        md.AppendLine(CultureInfo.InvariantCulture, $"Multi-scale vs single-scale: {Check(half, "under half the time")}.");
        md.AppendLine();
        if (q.Memory is { } m)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Memory over our single-scale run: {m.FromRssMb:F0} MB resident after evaluation {m.FromEvaluation}, {m.ToRssMb:F0} MB after evaluation {m.ToEvaluation} ({m.ToRssMb - m.FromRssMb:+0;-0;0} MB; flat means each step frees what it made).");
            md.AppendLine();
        }
    }

    /// <summary>Ours next to the reference for each loss comparison; returns the saved paths.</summary>
    private static IReadOnlyList<string> SavePictures(GatysBenchmarkResults r, GatysBenchmarkOptions o)
    {
        if (o.Pictures is not { } folder) return [];
        Directory.CreateDirectory(folder);
        var saved = new List<string>();
        foreach (var c in r.Losses.Where(c => c.OurPicture is not null && c.ReferencePicture is not null))
        {
            var path = Path.Combine(folder, $"{c.Pair.Name.Replace('+', '_')}_ours_vs_reference.png");
            File.WriteAllBytes(path, ImageEncoder.Encode(SideBySide(c.OurPicture!, c.ReferencePicture!), EncodedFormat.Png));
            saved.Add(path);
        }
        return saved;
    }

    /// <summary>Two pictures of the same height in one, with a white gap between them.</summary>
    public static RgbImage SideBySide(RgbImage left, RgbImage right, int gap = 8)
    {
        var height = Math.Max(left.Height, right.Height);
        var width = left.Width + gap + right.Width;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        Blit(left, pixels, width, 0);
        Blit(right, pixels, width, left.Width + gap);
        return new RgbImage(width, height, pixels);
    }

    private static void Blit(RgbImage source, byte[] target, int targetWidth, int x0)
    {
        for (var y = 0; y < source.Height; y++)
            Array.Copy(source.Pixels, y * source.Width * 3, target, (y * targetWidth + x0) * 3, source.Width * 3);
    }

    private static string Check(bool met, string what) => (met ? "met " : "MISSED ") + what;
    private static string Seconds(double s) => double.IsNaN(s) ? "not reached" : s.ToString("F1", CultureInfo.InvariantCulture);
    private static string E(double v) => v.ToString("0.000e+0", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
    private static string F0(double v) => double.IsNaN(v) ? "–" : v.ToString("F0", CultureInfo.InvariantCulture);
}
