namespace StyleGallery.Bench;

/// <summary>The losses returned by one evaluation, the wall time up to and including it, and (ours) the resident memory then.</summary>
public sealed record GatysTracePoint(int Evaluation, double Total, double Content, double Style, double Tv, double ElapsedSeconds, double RssMb = double.NaN);

/// <summary>One optimisation's evaluations in order, with the questions the report asks of them.</summary>
public sealed class GatysTrace(IReadOnlyList<GatysTracePoint> points)
{
    public IReadOnlyList<GatysTracePoint> Points { get; } = points;

    public GatysTracePoint? At(int evaluation) => Points.FirstOrDefault(p => p.Evaluation == evaluation);

    /// <summary>Median seconds per evaluation after the first <paramref name="warmup"/> ones.</summary>
    public double MedianSecondsPerEval(int warmup)
    {
        var steps = Points.Skip(warmup + 1).Select((p, i) => p.ElapsedSeconds - Points[warmup + i].ElapsedSeconds).Order().ToList();
        return steps.Count == 0 ? double.NaN : steps[steps.Count / 2];
    }
}
