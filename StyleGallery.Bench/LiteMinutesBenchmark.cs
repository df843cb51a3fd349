using System.Diagnostics;
using System.Globalization;
using System.Text;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench lite-minutes</c>; the defaults are issue 22's "quality against distillation minutes".</summary>
internal sealed record LiteMinutesOptions
{
    public string Style { get; init; } = "udnie";

    public IReadOnlyList<double> Minutes { get; init; } = [5, 10, 20, 40];

    /// <summary>Everything but the steps, which each budget sets: the defaults a visitor's "make a live version" uses.</summary>
    public DistillationOptions Distillation { get; init; } = new() { CheckpointEvery = 0 };

    /// <summary>Steps of the calibration run that measures this machine's steps per second before the budgets.</summary>
    public int CalibrationSteps { get; init; } = 20;

    public IReadOnlyList<int> Sides { get; init; } = [320, 512];

    public string WorkDirectory { get; init; } = Path.Combine("artifacts", "lite-minutes");

    public string Markdown { get; init; } = Path.Combine("docs", "benchmarks.md");
}

/// <summary>
/// Issue 22's quality against distillation minutes: a short calibration run measures the steps per second, then each
/// budget is one whole distillation of as many steps as fit in it (its learning-rate schedule ends at its last step, as
/// a visitor's run of that length would), measured like <c>lite-quality</c> on the held-out photos.
/// </summary>
internal static class LiteMinutesBenchmark
{
    private const string Heading = "## Lite networks: quality against distillation minutes";

    private sealed record Budget(double Minutes, int Steps, TimeSpan Wall, List<LiteQualityBenchmark.Row> Rows);

    public static int Run(LiteMinutesOptions options, TextWriter output)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var rate = StepsPerSecond(options, output);
        using var meter = LiteQualityBenchmark.Meter();
        var quality = new LiteQualityOptions { Sides = options.Sides, PicturedPhoto = "", PicturesDirectory = options.WorkDirectory };
        var budgets = new List<Budget>();
        foreach (var minutes in options.Minutes)
        {
            var steps = Math.Max(1, (int)(minutes * 60 * rate));
            var path = Path.Combine(options.WorkDirectory, $"{options.Style}-lite-{minutes.ToString(CultureInfo.InvariantCulture)}min.safetensors");
            var clock = Stopwatch.StartNew();
            Distill(options, steps, path);
            var wall = clock.Elapsed;
            output.WriteLine(Invariant($"{minutes} min budget: {steps} steps in {wall.TotalMinutes:F1} min"));
            budgets.Add(new Budget(minutes, steps, wall, LiteQualityBenchmark.Measure(new LitePair(options.Style, path), quality, meter, output)));
        }
        MarkdownSections.Replace(options.Markdown, Heading, Report(options, rate, budgets));
        output.WriteLine($"Wrote {options.Markdown}.");
        return ExitCodes.Ok;
    }

    private static double StepsPerSecond(LiteMinutesOptions options, TextWriter output)
    {
        var watch = new List<TimeSpan>();
        Distill(options, options.CalibrationSteps, Path.Combine(options.WorkDirectory, "calibration.safetensors"), p => watch.Add(p.Elapsed));
        // The first steps warm up (allocations, thread pools): time the second half only.
        var half = watch.Count / 2;
        var rate = (watch.Count - half) / Math.Max((watch[^1] - watch[half - 1]).TotalSeconds, 1e-9);
        output.WriteLine(Invariant($"calibration: {rate:F2} steps/s ({rate * options.Distillation.BatchSize:F1} crops of {options.Distillation.CropSize} px/s)"));
        return rate;
    }

    private static void Distill(LiteMinutesOptions options, int steps, string path, Action<DistillationProgress>? onProgress = null)
    {
        var teacher = FastNetworkSource.Pretrained(Path.Combine(LiteQualityBenchmark.Mirror(), "fast", options.Style + ".safetensors"));
        var data = HostPaths.DevelopmentImages("train") ?? throw new DirectoryNotFoundException("No ../shared/images/train beside the repository.");
        var request = new DistillationRequest(teacher, options.Style, data, path, options.Distillation with { Steps = steps });
        new LiteDistiller().Distill(request, onProgress: onProgress);
    }

    private static string Report(LiteMinutesOptions options, double rate, List<Budget> budgets)
    {
        var d = options.Distillation;
        var text = new StringBuilder();
        text.Append(Invariant($"{Heading}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench lite-minutes` on {MachineInfo.CpuModel()} "));
        text.Append(Invariant($"({Environment.ProcessorCount} cores), load average {MachineInfo.LoadAverage():F2} at the end. One whole distillation of `{options.Style}` per budget "));
        text.Append(Invariant($"with the defaults of `DistillationOptions` (start {d.Start}, hint weight {d.HintWeight}, batch {d.BatchSize} of {d.CropSize} px, "));
        text.Append(Invariant($"cosine schedule to the run's last step); steps = budget × {rate:F2} steps/s measured first. Quality as in `lite-quality` "));
        text.Append("(the content photos of ../shared, bfloat16). Targets: SSIM ≥ 0.85 on every photo, style and content within ±15 %.\n\n");
        text.Append("| budget | wall | steps | side | MAE | SSIM mean | SSIM lowest | style full → lite | content full → lite | targets |\n");
        text.Append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var b in budgets)
            foreach (var side in options.Sides)
            {
                var r = b.Rows.Where(x => x.Side == side).ToList();
                text.Append(Invariant($"| {b.Minutes} min | {b.Wall.TotalMinutes:F1} min | {b.Steps} | {side} | {r.Average(x => x.Mae):F1} | {r.Average(x => x.Ssim):F3} | {r.Min(x => x.Ssim):F3} | "));
                text.Append(Invariant($"{r.Average(x => x.Full.Style):F3} → {r.Average(x => x.Lite.Style):F3} | {r.Average(x => x.Full.Content):F3} → {r.Average(x => x.Lite.Content):F3} | "));
                text.Append(LiteQualityBenchmark.MeetsTargets(r) ? "met |\n" : "**missed** |\n");
            }
        return text.Append('\n').ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
