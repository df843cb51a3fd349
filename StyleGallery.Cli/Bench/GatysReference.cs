using System.Diagnostics;
using System.Text.Json;

namespace StyleGallery.Cli.Bench;

/// <summary>What the PyTorch reference (bench/gatys_reference.py) reported for one run.</summary>
public sealed record GatysReferenceRun(GatysTrace? Trace, double SecondsPerEvaluation, double PeakRssMb, string TorchVersion);

/// <summary>Runs bench/gatys_reference.py on exactly the pixels our engine uses (PNG files), with the same settings.</summary>
internal sealed class GatysReference(GatysBenchmarkOptions options, int threads)
{
    public GatysReferenceRun Optimise(string contentPng, string stylePng, int evaluations, int lbfgsHistory, string? outputPng)
    {
        var trace = Path.GetTempFileName();
        var args = Common(contentPng, stylePng, lbfgsHistory)
            .Concat(["--evals", evaluations.ToString(), "--checkpoints", evaluations.ToString(), "--trace", trace])
            .Concat(outputPng is null ? [] : ["--out", outputPng]);
        var json = Run(args);
        var points = JsonDocument.Parse(File.ReadAllText(trace)).RootElement.EnumerateArray()
            .Select(e => new GatysTracePoint(e.GetProperty("eval").GetInt32(), e.GetProperty("total").GetDouble(), e.GetProperty("style").GetDouble(), e.GetProperty("elapsed").GetDouble()))
            .ToList();
        File.Delete(trace);
        return new GatysReferenceRun(new GatysTrace(points), json.GetProperty("sec_per_eval_median").GetDouble(), json.GetProperty("peak_rss_mb").GetDouble(), json.GetProperty("torch").GetString() ?? "?");
    }

    public GatysReferenceRun Time(string contentPng, string stylePng, int evaluations, int lbfgsHistory)
    {
        var json = Run(Common(contentPng, stylePng, lbfgsHistory).Concat(["--time-only", evaluations.ToString()]));
        return new GatysReferenceRun(null, json.GetProperty("sec_per_eval_median").GetDouble(), json.GetProperty("peak_rss_mb").GetDouble(), json.GetProperty("torch").GetString() ?? "?");
    }

    private IEnumerable<string> Common(string contentPng, string stylePng, int lbfgsHistory) =>
    [
        options.ReferenceScript, "--content-png", contentPng, "--style-png", stylePng, "--init", "content", "--optimizer", "lbfgs",
        "--history-size", lbfgsHistory.ToString(), "--alpha", "1", "--beta", "1000", "--gamma", "1", "--threads", threads.ToString(),
        "--vgg", options.VggPath,
    ];

    private JsonElement Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {options.Python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The PyTorch reference failed ({process.ExitCode}): {stderr.Result}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
