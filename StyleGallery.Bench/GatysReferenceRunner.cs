using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>What one run of bench/gatys_reference.py reported.</summary>
public sealed record GatysReferenceResult(GatysTrace Trace, double SecondsPerEval, double PeakRssMb, string TorchVersion, RgbImage? Picture);

/// <summary>
/// Runs the PyTorch reference in a fresh process per measurement (so its peak RSS is its own), handing it the
/// exact pixels our engine optimises from and the same α, β, γ and L-BFGS history.
/// </summary>
internal sealed class GatysReferenceRunner(GatysBenchmarkOptions options, string scratch)
{
    /// <summary>The PyTorch version the last run reported.</summary>
    public string TorchVersion { get; private set; } = "?";

    /// <summary>A full optimisation from <paramref name="start"/>, traced evaluation by evaluation.</summary>
    public GatysReferenceResult Optimise(RgbImage content, RgbImage style, RgbImage start, GatysOptions weights, int evaluations, IReadOnlyList<int> checkpoints)
    {
        var id = Guid.NewGuid().ToString("N");
        var (trace, picture) = (Scratch($"{id}-trace.json"), Scratch($"{id}-out.png"));
        var json = Run([
            "--content-png", Png(content, $"{id}-content.png"), "--style-png", Png(style, $"{id}-style.png"),
            "--init-image", Png(start, $"{id}-init.png"), "--evals", Text(evaluations),
            "--checkpoints", string.Join(',', checkpoints.Where(c => c <= evaluations)),
            "--trace", trace, "--out", picture, .. WeightArgs(weights),
        ]);
        return Parse(json, ReadTrace(trace), ImageDecoder.DecodeFile(picture));
    }

    /// <summary>Seconds per evaluation at a square side (the reference resizes the photos itself; timing ignores pixels).</summary>
    public GatysReferenceResult Time(GatysBenchPair pair, int side, GatysOptions weights) =>
        Parse(Run(["--content", options.ContentPath(pair), "--style", options.StylePath(pair), "--size", Text(side),
            "--time-only", Text(options.TimedEvals), .. WeightArgs(weights)]), new GatysTrace([]), null);

    private IEnumerable<string> WeightArgs(GatysOptions o) =>
    [
        "--alpha", Text(o.ContentWeight), "--beta", Text(o.StyleWeight), "--gamma", Text(o.TvWeight),
        "--history-size", Text(o.LbfgsHistory), "--seed", Text(options.Seed), "--threads", Text(options.Threads),
    ];

    private string Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(options.ReferenceScript);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"; // same allocator setting as this process
        start.Environment["STYLEGALLERY_SHARED"] = Path.GetFullPath(options.SharedRoot);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {options.Python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"gatys_reference.py failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Trim().Split('\n').Last();
    }

    private GatysReferenceResult Parse(string json, GatysTrace trace, RgbImage? picture)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var perEval = root.TryGetProperty("sec_per_eval_median", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : double.NaN;
        TorchVersion = root.GetProperty("torch").GetString() ?? "?";
        return new GatysReferenceResult(trace, perEval, root.GetProperty("peak_rss_mb").GetDouble(), TorchVersion, picture);
    }

    private static GatysTrace ReadTrace(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new GatysTrace(doc.RootElement.EnumerateArray().Select(e => new GatysTracePoint(
            e.GetProperty("eval").GetInt32(), e.GetProperty("total").GetDouble(), e.GetProperty("content").GetDouble(),
            e.GetProperty("style").GetDouble(), e.GetProperty("tv").GetDouble(), e.GetProperty("elapsed").GetDouble())).ToList());
    }

    private string Png(RgbImage image, string name)
    {
        var path = Scratch(name);
        File.WriteAllBytes(path, ImageEncoder.Encode(image, EncodedFormat.Png));
        return path;
    }

    private string Scratch(string name) => Path.Combine(scratch, name);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
