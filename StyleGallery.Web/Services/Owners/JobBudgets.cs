using System.Globalization;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// How much engine time one job may cost, per kind, in estimated device-seconds (section <c>StyleGallery:JobBudgets</c>).
/// A request with the site's owner cookie gets the first budget of each pair; one without it (a script calling
/// <c>POST /api/jobs</c> without a cookie: nobody to hold to a per-browser limit) the lower <c>Anonymous…</c> one.
/// The estimate is <see cref="JobCost"/>'s; docs/security.md, point 3.
/// </summary>
public sealed record JobBudgetSettings
{
    /// <summary>One optimisation of a browser: 15 minutes (50 000 iterations at 64 px, or 2 000 at 2 048 px).</summary>
    public double OptimiseSeconds { get; init; } = 900;

    /// <summary>One optimisation without a cookie: 2 minutes (1 000 iterations at 1 024 px; not 100 000 at 32 px).</summary>
    public double AnonymousOptimiseSeconds { get; init; } = 120;

    /// <summary>One training of a browser: 4 hours (Johnson et al.'s two epochs over COCO's 80 000 photos fit).</summary>
    public double TrainSeconds { get; init; } = 4 * 3600;

    /// <summary>One training without a cookie (the quick preset fits).</summary>
    public double AnonymousTrainSeconds { get; init; } = 600;

    /// <summary>One video of a browser: 10 minutes (the longest allowed clip at 4K fits).</summary>
    public double VideoSeconds { get; init; } = 600;

    /// <summary>One video without a cookie.</summary>
    public double AnonymousVideoSeconds { get; init; } = 120;
}

/// <summary>
/// The one cost model: estimated seconds of the engine's device (one GPU of the H100 class as the reference) for a job,
/// from the work it asks for. Deliberately simple, a bound rather than a forecast:
/// <list type="bullet">
/// <item>optimisation: iterations × (<see cref="IterationOverheadSeconds"/> + pixels × <see cref="OptimisePixelSeconds"/>),
/// pixels being the longest side asked for, squared (a bound on any photo's working size);</item>
/// <item>training: steps × (<see cref="TrainStepOverheadSeconds"/> + batch × crop² × <see cref="TrainPixelSeconds"/>), steps
/// being the fixed number or epochs × ⌈photos / batch⌉;</item>
/// <item>video: frames × (<see cref="FrameOverheadSeconds"/> + frame pixels × <see cref="FramePixelSeconds"/>);</item>
/// <item>distillation (a live version): steps × (<see cref="TrainStepOverheadSeconds"/> + batch × crop² ×
/// <see cref="DistillPixelSeconds"/>), within the training budget.</item>
/// </list>
/// Calibrated on the observation that 100 000 iterations at 32 px take about half an hour.
/// </summary>
public static class JobCost
{
    /// <summary>Per iteration whatever the size (launches, L-BFGS bookkeeping): 100 000 of them are 25 minutes.</summary>
    public const double IterationOverheadSeconds = 0.015;

    /// <summary>VGG forward and backward per pixel per iteration (a megapixel iteration: 0.1 s).</summary>
    public const double OptimisePixelSeconds = 1e-7;

    public const double TrainStepOverheadSeconds = 0.02;

    /// <summary>Per crop pixel per step: the transformation network and VGG, forward and backward.</summary>
    public const double TrainPixelSeconds = 3e-7;

    /// <summary>
    /// Per crop pixel per distillation step: the full network forward, the lite one forward and backward; no VGG, so a
    /// third of a training step's.
    /// </summary>
    public const double DistillPixelSeconds = 1e-7;

    /// <summary>Per frame: decoding, encoding, the transfer to the device.</summary>
    public const double FrameOverheadSeconds = 0.01;

    /// <summary>The fast network's forward pass per pixel.</summary>
    public const double FramePixelSeconds = 2e-8;

    public static double Optimise(GatysOptions options) =>
        options.Iterations * (IterationOverheadSeconds + (double)options.MaxSide * options.MaxSide * OptimisePixelSeconds);

    public static double Train(TrainingOptions options, int photos)
    {
        var batch = Math.Max(1, options.BatchSize);
        var steps = options.Steps ?? options.Epochs * (long)Math.Max(1, (photos + batch - 1) / batch);
        return steps * (TrainStepOverheadSeconds + (double)batch * options.CropSize * options.CropSize * TrainPixelSeconds);
    }

    public static double Distill(DistillationOptions options) =>
        options.Steps * (TrainStepOverheadSeconds + (double)Math.Max(1, options.BatchSize) * options.CropSize * options.CropSize * DistillPixelSeconds);

    public static double Video(long frames, int width, int height) =>
        frames * (FrameOverheadSeconds + (double)width * height * FramePixelSeconds);
}

/// <summary>Refuses a job whose <see cref="JobCost"/> exceeds its kind's budget (<see cref="JobBudgetSettings"/>).</summary>
public sealed class JobBudgets(StyleGalleryWebOptions options)
{
    private JobBudgetSettings Settings => options.JobBudgets;

    /// <exception cref="JobBudgetException">The optimisation would cost more than the owner's budget.</exception>
    public void CheckOptimise(GatysOptions gatys, string? owner) =>
        Check(JobCost.Optimise(gatys), owner is null ? Settings.AnonymousOptimiseSeconds : Settings.OptimiseSeconds, owner, "picture",
            "Use fewer iterations or a smaller size.");

    /// <exception cref="JobBudgetException">The training would cost more than the owner's budget.</exception>
    public void CheckTrain(TrainingOptions training, int photos, string? owner) =>
        Check(JobCost.Train(training, photos), owner is null ? Settings.AnonymousTrainSeconds : Settings.TrainSeconds, owner, "training",
            "Choose a quicker setting.");

    /// <exception cref="JobBudgetException">The live version would cost more than the owner's training budget.</exception>
    public void CheckDistill(DistillationOptions distillation, string? owner) =>
        Check(JobCost.Distill(distillation), owner is null ? Settings.AnonymousTrainSeconds : Settings.TrainSeconds, owner, "live version",
            "Use fewer steps or smaller crops.");

    /// <exception cref="JobBudgetException">The video would cost more than the owner's budget.</exception>
    public void CheckVideo(long frames, int width, int height, string? owner) =>
        Check(JobCost.Video(frames, width, height), owner is null ? Settings.AnonymousVideoSeconds : Settings.VideoSeconds, owner, "video",
            "Use a shorter clip or a smaller size.");

    private static void Check(double estimate, double limit, string? owner, string what, string advice)
    {
        if (estimate <= limit) return;
        var whom = owner is null ? " without this site's cookie" : "";
        throw new JobBudgetException(limit,
            $"This {what} would take about {Duration(estimate)} of the engine's time; the limit is {Duration(limit)} per {what}{whom}. {advice}");
    }

    /// <summary>"45 seconds", "15 minutes", "4 hours" (rounded up, so a refusal never names a limit below the estimate).</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 120 => Plural(Math.Ceiling(seconds), "second"),
        < 2 * 3600 => Plural(Math.Ceiling(seconds / 60), "minute"),
        _ => Plural(Math.Ceiling(seconds / 3600), "hour"),
    };

    private static string Plural(double n, string unit) =>
        n.ToString("0", CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");
}
