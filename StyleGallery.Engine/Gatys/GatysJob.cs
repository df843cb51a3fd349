using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// A Gatys optimisation as a job: every iteration becomes a progress report (losses as metrics) and each due
/// preview becomes the job's latest preview. A cancelled run returns the latest image, which the engine keeps.
/// </summary>
public sealed class GatysJob(GatysStylizer stylizer, RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions options)
    : EngineJob<RgbImage>
{
    public override string Kind => "gatys";

    public override string Description =>
        $"Gatys {options.Mode} at {options.MaxSide} px, {options.Iterations} iterations × {options.ScaleLevels} scale(s)";

    public override RgbImage Run(JobContext context)
    {
        var progress = new SynchronousProgress<GatysProgress>(p => Forward(context, p));
        try
        {
            return stylizer.Stylize(content, styles, options, progress, context.Cancellation);
        }
        catch (StylizationCanceledException e) when (e.LatestImage is not null)
        {
            context.PublishPreview(e.LatestImage);
            return e.LatestImage;
        }
    }

    private void Forward(JobContext context, GatysProgress p)
    {
        var metrics = new Dictionary<string, double>
        {
            ["total"] = p.TotalLoss,
            ["content"] = p.ContentLoss,
            ["style"] = p.StyleLoss,
            ["tv"] = p.TvLoss,
            ["scale"] = p.ScaleLevel,
        };
        foreach (var (layer, loss) in p.StyleLayerLosses) metrics["style_" + layer] = loss;
        context.Report(p.Iteration, p.TotalIterations, metrics);
        if (p.Preview is { } preview) context.PublishPreview(preview);
    }
}
