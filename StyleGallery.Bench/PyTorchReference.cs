using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>One run of bench/fast_reference.py: the same network and weights in PyTorch.</summary>
public sealed record PyTorchTiming(string Variant, double? ColdMs, double? MedianMs, double PeakRssMb, string TorchVersion, double BlasGflops, string? Error);

/// <summary>Runs the Python reference in a fresh process per measurement, so its peak RSS is its own.</summary>
internal sealed class PyTorchReference(FastBenchmarkOptions options, int threads)
{
    public PyTorchTiming Measure(RgbImage input, string variant, int repeats)
    {
        var rawPath = Path.Combine(Path.GetTempPath(), $"fast-bench-{Guid.NewGuid():N}.rgb");
        File.WriteAllBytes(rawPath, input.Pixels);
        try
        {
            return Parse(RunScript(rawPath, input, variant, repeats), variant);
        }
        finally
        {
            File.Delete(rawPath);
        }
    }

    private string RunScript(string rawPath, RgbImage input, string variant, int repeats)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     options.ReferenceScript, "--weights", options.WeightsPath(options.Style), "--input", rawPath,
                     "--width", input.Width.ToString(CultureInfo.InvariantCulture), "--height", input.Height.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture),
                     "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--variant", variant,
                 })
            start.ArgumentList.Add(arg);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"; // same allocator setting as this process
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {options.Python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"fast_reference.py failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Trim().Split('\n').Last();
    }

    private static PyTorchTiming Parse(string json, string variant)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        double? Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new PyTorchTiming(variant, Number("cold_ms"), Number("median_ms"), Number("peak_rss_mb") ?? 0,
            root.GetProperty("torch").GetString() ?? "?", Number("blas_gflops_1024") ?? 0,
            root.TryGetProperty("error", out var e) ? e.GetString() : null);
    }
}
