using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// One iteration's report. Losses are the unweighted terms at the image the iteration evaluated
/// (<see cref="TotalLoss"/> = α·content + β·style + γ·TV). <see cref="Preview"/> is set only when a preview was due.
/// </summary>
public sealed record GatysProgress(
    int Iteration,
    int TotalIterations,
    int ScaleLevel,
    int ScaleLevels,
    TimeSpan Elapsed,
    double TotalLoss,
    double ContentLoss,
    double StyleLoss,
    double TvLoss,
    IReadOnlyDictionary<string, double> StyleLayerLosses,
    RgbImage? Preview);
