using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>Ours and the reference optimising the same pixels from the same start.</summary>
public sealed record GatysLossComparison(GatysBenchPair Pair, int Width, int Height, GatysTrace Ours, GatysTrace Reference, RgbImage? OurPicture, RgbImage? ReferencePicture);

/// <summary>Seconds per evaluation and peak RSS at one square side.</summary>
public sealed record GatysSpeed(int Side, double OurSecondsPerEval, double OurPeakRssMb, double ReferenceSecondsPerEval, double ReferencePeakRssMb);

/// <summary>Wall time until the style loss first falls below the reference's after N single-scale evaluations.</summary>
public sealed record GatysTimeToQuality(int Width, int Height, double StyleTarget, double ReferenceSeconds, double SingleScaleSeconds, double MultiscaleSeconds, int MultiscaleLevels,
    GatysMemoryTrend? Memory = null);

/// <summary>Our resident memory early in a long single-scale run and at its end: flat when every step frees what it made.</summary>
public sealed record GatysMemoryTrend(int FromEvaluation, double FromRssMb, int ToEvaluation, double ToRssMb)
{
    /// <summary>From the points of a run, after <paramref name="settle"/> evaluations (allocator pools fill up first); null when too short.</summary>
    public static GatysMemoryTrend? Of(GatysTrace trace, int settle)
    {
        if (trace.At(settle) is not { } from || trace.Points[^1].Evaluation <= settle) return null;
        var to = trace.Points[^1];
        return new GatysMemoryTrend(from.Evaluation, from.RssMb, to.Evaluation, to.RssMb);
    }
}

public sealed record GatysBenchmarkResults(
    DateTimeOffset When,
    string Cpu,
    string TorchVersion,
    IReadOnlyList<GatysLossComparison> Losses,
    IReadOnlyList<GatysSpeed> Speeds,
    GatysTimeToQuality? Quality);
