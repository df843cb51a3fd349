using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Where an optimisation stands: iterations done over all scale levels, and the pixels being optimised (before the
/// photo's colours are put back). A run started from it goes on at the same iteration with the same pixels; only the
/// optimiser's memory (L-BFGS's curvature pairs, Adam's moments) starts afresh, which costs a few iterations of pace.
/// </summary>
public sealed record GatysResumePoint(int CompletedIterations, RgbImage Image);

/// <summary>
/// Checkpoints of a run: <paramref name="Save"/> gets a resume point after every <paramref name="EveryIterations"/>
/// iterations or <paramref name="Every"/> of time, whichever comes first; <paramref name="ResumeFrom"/> continues an
/// earlier run.
/// </summary>
public sealed record GatysCheckpointing(
    GatysResumePoint? ResumeFrom,
    Action<GatysResumePoint> Save,
    int EveryIterations,
    TimeSpan Every);
