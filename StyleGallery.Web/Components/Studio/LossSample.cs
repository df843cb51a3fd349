namespace StyleGallery.Web.Components.Studio;

/// <summary>The losses of one iteration, as the chart plots them.</summary>
public sealed record LossSample(int Step, double Total, double Content, double Style)
{
    public static LossSample? From(int step, IReadOnlyDictionary<string, double> metrics) =>
        metrics.TryGetValue("total", out var total)
            ? new LossSample(step, total, metrics.GetValueOrDefault("content"), metrics.GetValueOrDefault("style"))
            : null;
}
