using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench fast</c>: latency, throughput and peak memory of the fast style networks in TorchSharp
/// (float32 and bfloat16) next to the same network in PyTorch, plus bfloat16's quality cost on real photos.
/// Not a test: it writes a markdown table for docs/benchmarks.md. Run it with GLIBC_TUNABLES=glibc.malloc.hugetlb=1.
/// </summary>
public static class FastBenchmark
{
    public static int Run(FastBenchmarkOptions o, TextWriter log)
    {
        if (!File.Exists(o.WeightsPath(o.Style)))
        {
            log.WriteLine($"Weights not found: {Path.GetFullPath(o.WeightsPath(o.Style))} (benchmarks read ../shared: run them from the repository root).");
            return 2;
        }
        if (o.Threads > 0) set_num_threads(o.Threads);
        var threads = get_num_threads();
        log.WriteLine($"Fast style benchmark: {MachineDescription()}, {threads} threads, repeats {o.Repeats}.");
        var results = Measure(o, threads, log);
        var section = FastBenchmarkReport.Render(results, o);
        log.WriteLine();
        log.WriteLine(section);
        if (o.Markdown is not null)
        {
            FastBenchmarkReport.WriteInto(o.Markdown, section);
            log.WriteLine($"Written to {Path.GetFullPath(o.Markdown)}.");
        }
        return 0;
    }

    private static FastBenchmarkResults Measure(FastBenchmarkOptions o, int threads, TextWriter log)
    {
        var photo = BenchPhotos.Jpegs(o.ContentPhotos)[0];
        var latency = new FastLatency(o);
        var reference = o.PyTorchReference ? new PyTorchReference(o, threads) : null;
        var latencies = new List<LatencyResult>();
        var pytorch = new Dictionary<FrameSize, PyTorchTiming>();
        var peakIsPerMeasurement = PeakMemory.Reset();
        foreach (var size in o.Sizes.OrderBy(s => (long)s.Width * s.Height))
        {
            var input = BenchPhotos.Load(photo, size.Width, size.Height);
            foreach (var precision in o.Precisions)
            {
                var result = latency.Measure(input, precision);
                log.WriteLine($"  {size,-10} {precision,-8} cold {result.ColdMs,7:F0} ms  warm {result.WarmMs,7:F0} ms  peak {result.PeakRssMb,6:F0} MB");
                latencies.Add(result);
            }
            if (reference is null) continue;
            pytorch[size] = reference.Measure(input, "float32", o.Repeats);
            log.WriteLine($"  {size,-10} PyTorch  cold {pytorch[size].ColdMs,7:F0} ms  warm {pytorch[size].MedianMs,7:F0} ms  peak {pytorch[size].PeakRssMb,6:F0} MB");
        }
        var variantSize = o.Sizes.Contains(new FrameSize(512, 512)) ? new FrameSize(512, 512) : o.Sizes[0];
        var variantInput = BenchPhotos.Load(photo, variantSize.Width, variantSize.Height);
        var variants = latency.MeasureVariants(variantInput);
        foreach (var v in variants) log.WriteLine($"  variant {v.Variant,-30} {v.WarmMs,7:F0} ms");
        var pyVariants = reference is null ? [] : PyTorchVariants(reference, variantInput, o, log);
        var quality = new FastQualityCheck(o).Measure(log);
        log.WriteLine($"  bfloat16 vs float32: worst MAE {quality.Max(q => q.MeanAbsoluteError):F3} grey levels (limit {FastBenchmarkResults.BFloat16MaeLimit}).");
        return new FastBenchmarkResults(MachineDescription(), threads, peakIsPerMeasurement, latencies, pytorch, variantSize, variants, pyVariants, quality);
    }

    private static IReadOnlyList<PyTorchTiming> PyTorchVariants(PyTorchReference reference, RgbImage input, FastBenchmarkOptions o, TextWriter log)
    {
        var results = new List<PyTorchTiming>();
        foreach (var variant in new[] { "float32", "inference_mode", "channels_last", "bfloat16" })
        {
            var timing = reference.Measure(input, variant, o.Repeats);
            log.WriteLine($"  PyTorch variant {variant,-16} {(timing.Error is null ? $"{timing.MedianMs:F0} ms" : timing.Error)}");
            results.Add(timing);
        }
        return results;
    }

    private static string MachineDescription() => $"{MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores)";
}
