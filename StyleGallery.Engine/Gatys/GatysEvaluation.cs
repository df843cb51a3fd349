using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>One evaluation of the objective: the gradient of the total with respect to the pixels, and the unweighted terms.</summary>
public sealed record GatysEvaluation(
    Tensor Gradient,
    double TotalLoss,
    double ContentLoss,
    double StyleLoss,
    double TvLoss,
    IReadOnlyDictionary<string, double> StyleLayerLosses);
