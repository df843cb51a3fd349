using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// A Gatys optimisation as a job: every iteration becomes a progress report (the loss terms) and each due preview
/// becomes the job's latest preview. A cancelled run returns the latest image, which the engine keeps. A durable job
/// saves its pixels as a checkpoint every <see cref="CheckpointEvery"/> iterations or <see cref="CheckpointInterval"/>,
/// and a run after a crash goes on from the last one at its iteration.
/// </summary>
public sealed class GatysJob(GatysStylizer stylizer, RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions options)
    : EngineJob<RgbImage>
{
    public override string Kind => "gatys";

    public override string Description =>
        $"Gatys {options.Mode} at {options.MaxSide} px, {options.Iterations} iterations × {options.ScaleLevels} scale(s)";

    /// <summary>Iterations between two checkpoints at most.</summary>
    public int CheckpointEvery { get; init; } = 50;

    /// <summary>Time between two checkpoints at most.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    public override RgbImage Run(JobContext context)
    {
        var progress = new SynchronousProgress<GatysProgress>(p => Forward(context, p));
        try
        {
            return stylizer.Stylize(content, styles, options, progress, context.Cancellation, Checkpointing(context));
        }
        catch (StylizationCanceledException e) when (e.LatestImage is not null)
        {
            context.PublishPreview(e.LatestImage);
            return e.LatestImage;
        }
    }

    private GatysCheckpointing? Checkpointing(JobContext context)
    {
        if (!context.CanCheckpoint) return null;
        var resume = context.ResumeFrom is { } saved
            ? new GatysResumePoint(saved.Step, ImageDecoder.Decode(saved.Data))
            : null;
        return new GatysCheckpointing(resume,
            point => context.SaveCheckpoint(new JobCheckpoint(point.CompletedIterations, ImageEncoder.Encode(point.Image, EncodedFormat.Png))),
            CheckpointEvery, CheckpointInterval);
    }

    private static void Forward(JobContext context, GatysProgress p)
    {
        context.Report(p.Iteration, p.TotalIterations, new StepLosses(p.TotalLoss, p.ContentLoss, p.StyleLoss, p.TvLoss));
        if (p.Preview is { } preview) context.PublishPreview(preview);
    }
}
