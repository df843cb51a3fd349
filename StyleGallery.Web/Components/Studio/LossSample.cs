using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Components.Studio;

/// <summary>The losses of one iteration, as the chart plots them.</summary>
public sealed record LossSample(int Step, double Total, double Content, double Style)
{
    public static LossSample? From(int step, StepLosses? losses) =>
        losses is null ? null : new LossSample(step, losses.Total, losses.Content, losses.Style);
}
