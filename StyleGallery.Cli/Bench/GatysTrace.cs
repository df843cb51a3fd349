namespace StyleGallery.Cli.Bench;

/// <summary>One evaluation of a run: its losses and the wall time since the run started.</summary>
public sealed record GatysTracePoint(int Evaluation, double Total, double Style, double Seconds);

/// <summary>The evaluations of one run, in order.</summary>
public sealed record GatysTrace(IReadOnlyList<GatysTracePoint> Points)
{
    public GatysTracePoint At(int evaluation) => Points[evaluation - 1];

    /// <summary>Wall time of the first evaluation whose style loss is at or below <paramref name="target"/>, if any.</summary>
    public double? SecondsToStyle(double target) => Points.FirstOrDefault(p => p.Style <= target)?.Seconds;

    /// <summary>Median seconds between consecutive evaluations, skipping the first <paramref name="warmup"/>.</summary>
    public double MedianSecondsPerEvaluation(int warmup)
    {
        var steps = Points.Zip(Points.Skip(1), (a, b) => b.Seconds - a.Seconds).Skip(Math.Max(0, warmup - 1)).Order().ToList();
        return steps.Count == 0 ? double.NaN : steps[steps.Count / 2];
    }
}
