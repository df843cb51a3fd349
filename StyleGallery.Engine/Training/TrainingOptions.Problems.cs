using StyleGallery.Engine.Networks;

namespace StyleGallery.Engine.Training;

/// <summary>The one check of a training's settings, made before any photo is read or weight loaded.</summary>
public sealed partial record TrainingOptions
{
    /// <summary>The smallest crop that survives two stride-2 down-samplings and VGG's pooling down to block 4.</summary>
    public const int MinCropSize = 16;
    public const int MaxCropSize = 2048;

    /// <summary>Every setting that cannot train, each as a sentence; empty when all can.</summary>
    public IReadOnlyList<string> Problems() => [.. ProblemsOf(this)];

    private static IEnumerable<string> ProblemsOf(TrainingOptions o)
    {
        if (o.CropSize is < MinCropSize or > MaxCropSize) yield return $"The crop size must be {MinCropSize}…{MaxCropSize} px (got {o.CropSize}).";
        if (o.StyleSize is < MinCropSize or > MaxCropSize) yield return $"The style size must be {MinCropSize}…{MaxCropSize} px (got {o.StyleSize}).";
        if (o.BatchSize is < 1 or > 256) yield return $"The batch size must be 1…256 (got {o.BatchSize}).";
        if (o.Steps is null && o.Epochs < 1) yield return $"Train for at least one epoch (got {o.Epochs}).";
        if (o.Steps is < 1) yield return $"Train for at least one step (got {o.Steps}).";
        if (!(o.LearningRate is > 0 and <= 1)) yield return $"The learning rate must be in (0, 1] (got {o.LearningRate}).";
        if (!(o.ContentWeight >= 0) || !(o.StyleWeight >= 0) || !(o.TotalVariationWeight >= 0) || !double.IsFinite(o.ContentWeight + o.StyleWeight + o.TotalVariationWeight))
            yield return "Loss weights must be finite and non-negative.";
        if (o.StyleWeight == 0) yield return "A style weight of 0 would learn no style.";
        if (o.CheckpointEvery < 0) yield return $"Checkpoint every N ≥ 0 steps (got {o.CheckpointEvery}).";
        if (!(o.DivergenceFactor > 1)) yield return $"The divergence factor must be above 1 (got {o.DivergenceFactor}).";
        if (o.Layers is { } layers) foreach (var problem in LayerProblems(layers)) yield return problem;
    }

    private static IEnumerable<string> LayerProblems(LossLayers layers)
    {
        if (layers.StyleLayers.Count == 0) yield return "Choose at least one style layer.";
        foreach (var name in layers.StyleLayers.Append(layers.ContentLayer))
        {
            string? problem = null;
            try { VggLayout.Find(layers.Architecture, name); }
            catch (UnknownVggLayerException e) { problem = e.Message; }
            if (problem is not null) yield return problem;
        }
    }
}
