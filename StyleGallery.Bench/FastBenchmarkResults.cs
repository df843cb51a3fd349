using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary>End-to-end latency of <see cref="FastStylizer.Stylize"/> at one size and precision.</summary>
public sealed record LatencyResult(FrameSize Size, ComputePrecision Precision, double ColdMs, double WarmMs, double PeakRssMb)
{
    public double FramesPerSecond => 1000 / WarmMs;
}

/// <summary>Forward-only warm latency of one way of running the network.</summary>
public sealed record VariantResult(string Variant, double WarmMs);

/// <summary>Mean absolute difference, in grey levels, between the bfloat16 and float32 results on one photo.</summary>
public sealed record QualityResult(string Style, string Photo, double MeanAbsoluteError);

/// <summary>Everything one benchmark run measured.</summary>
public sealed record FastBenchmarkResults(
    string Machine,
    int Threads,
    bool PeakIsPerMeasurement,
    IReadOnlyList<LatencyResult> Latencies,
    IReadOnlyDictionary<FrameSize, PyTorchTiming> PyTorch,
    FrameSize VariantSize,
    IReadOnlyList<VariantResult> Variants,
    IReadOnlyList<PyTorchTiming> PyTorchVariants,
    IReadOnlyList<QualityResult> Quality)
{
    /// <summary>The rule for making bfloat16 the default: its worst photo within 1.5 grey levels MAE of float32.</summary>
    public const double BFloat16MaeLimit = 1.5;

    public double WorstBFloat16Mae => Quality.Count == 0 ? double.NaN : Quality.Max(q => q.MeanAbsoluteError);
}
