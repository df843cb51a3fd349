using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>One evaluation of the objective: the differentiable total and the unweighted terms as numbers.</summary>
public sealed record GatysEvaluation(
    Tensor Total,
    double TotalLoss,
    double ContentLoss,
    double StyleLoss,
    double TvLoss,
    IReadOnlyDictionary<string, double> StyleLayerLosses);
