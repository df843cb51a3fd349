using System.Globalization;
using System.Text;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Bench;

/// <summary>Renders results as the "Fast style networks" section of docs/benchmarks.md and writes it in place.</summary>
internal static class FastBenchmarkReport
{
    public const string Heading = "## Fast style networks";

    private const double Target512Ms = 250;
    private const double TargetHdMs = 2500;
    private const double TargetHdRssMb = 2560;

    public static string Render(FastBenchmarkResults r, FastBenchmarkOptions o)
    {
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        AppendSetup(md, r, o);
        AppendLatencies(md, r);
        AppendVariants(md, r);
        AppendQuality(md, r, o);
        return md.ToString();
    }

    public static void WriteInto(string path, string section) => MarkdownSections.Replace(path, Heading, section);

    private static void AppendSetup(StringBuilder md, FastBenchmarkResults r, FastBenchmarkOptions o)
    {
        var python = r.PyTorch.Values.FirstOrDefault();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench fast` on {r.Machine}, " +
                      $"{r.Threads} torch threads, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version} " +
                      $"(libtorch {TorchSharp.torch.__version__}), `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.");
        if (python is not null)
            md.AppendLine(CultureInfo.InvariantCulture, $"Reference: the same network and weights in PyTorch {python.TorchVersion} (`bench/fast_reference.py`, " +
                          $"BLAS {python.BlasGflops:F0} GFLOP/s on a 1024² product), one fresh process per size.");
        md.AppendLine($"Style `{o.Style}`; input a real photo resampled to each size. Warm = median of {o.Repeats} calls after " +
                      $"{o.Warmup} warm-up call(s), end to end (`FastStylizer.Stylize`: image → tensor → network → image). " +
                      "Cold = first call of a fresh `FastStylizer`, weight loading included (libtorch already initialised). " +
                      (r.PeakIsPerMeasurement
                          ? "Peak RSS = VmHWM, reset (`/proc/self/clear_refs`) before each size and precision, so it is that measurement's peak plus what the process already held."
                          : "Peak RSS = VmHWM, the process maximum so far (the kernel refused a reset); sizes run smallest first."));
        md.AppendLine();
    }

    private static void AppendLatencies(StringBuilder md, FastBenchmarkResults r)
    {
        md.AppendLine("| size | precision | cold ms | warm ms | frames/s | peak RSS MB | PyTorch fp32 warm ms | PyTorch peak RSS MB | target |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var l in r.Latencies)
        {
            r.PyTorch.TryGetValue(l.Size, out var py);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {l.Size} | {l.Precision} | {F0(l.ColdMs)} | {F0(l.WarmMs)} | {l.FramesPerSecond:F2} | {F0(l.PeakRssMb)} | " +
                          $"{F0(py?.MedianMs)} | {F0(py?.PeakRssMb)} | {Verdict(l, py)} |");
        }
        md.AppendLine();
    }

    private static string Verdict(LatencyResult l, PyTorchTiming? py)
    {
        var checks = new List<string>();
        if (l.Size == new FrameSize(512, 512)) checks.Add(Check(l.WarmMs <= Target512Ms, $"≤ {Target512Ms} ms"));
        if (l.Size == new FrameSize(1920, 1080))
        {
            checks.Add(Check(l.WarmMs <= TargetHdMs, $"≤ {TargetHdMs / 1000} s"));
            checks.Add(Check(l.PeakRssMb <= TargetHdRssMb, "≤ 2.5 GB"));
        }
        if (py?.MedianMs is { } pyMs) checks.Add(Check(l.WarmMs <= pyMs, "≤ PyTorch"));
        return string.Join(", ", checks);
    }

    private static void AppendVariants(StringBuilder md, FastBenchmarkResults r)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"Ways of running the network at {r.VariantSize} (forward only, warm median ms):").AppendLine();
        md.AppendLine("| variant | TorchSharp | PyTorch |").AppendLine("|---|---:|---:|");
        foreach (var v in r.Variants) md.AppendLine(CultureInfo.InvariantCulture, $"| {v.Variant} | {F0(v.WarmMs)} | |");
        foreach (var p in r.PyTorchVariants)
            md.AppendLine(CultureInfo.InvariantCulture, $"| PyTorch {p.Variant} | | {(p.Error is null ? F0(p.MedianMs) : "fails: " + p.Error.Split('\n')[0].Replace("|", "/"))} |");
        md.AppendLine();
    }

    private static void AppendQuality(StringBuilder md, FastBenchmarkResults r, FastBenchmarkOptions o)
    {
        if (r.Quality.Count == 0) return;
        md.AppendLine($"bfloat16 vs float32 on the real photos (`../shared/images/content/*.jpg`, longer side {o.QualitySide} px), " +
                      "mean absolute error in grey levels:").AppendLine();
        md.AppendLine("| style | mean MAE | worst MAE | worst photo |").AppendLine("|---|---:|---:|---|");
        foreach (var style in r.Quality.GroupBy(q => q.Style))
        {
            var worst = style.MaxBy(q => q.MeanAbsoluteError)!;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {style.Key} | {style.Average(q => q.MeanAbsoluteError):F2} | {worst.MeanAbsoluteError:F2} | {worst.Photo} |");
        }
        var ok = r.WorstBFloat16Mae < FastBenchmarkResults.BFloat16MaeLimit;
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Worst case {r.WorstBFloat16Mae:F2} grey levels: bfloat16 {(ok ? "meets" : "misses")} the " +
                                   $"{FastBenchmarkResults.BFloat16MaeLimit} limit for being the default " +
                                   $"(the default is {new FastStyleOptions().Precision}).");
        md.AppendLine();
    }

    private static string Check(bool met, string what) => (met ? "met " : "MISSED ") + what;

    private static string F0(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "–";
}
