using StyleGallery.Engine.Networks;

namespace StyleGallery.Engine.Gatys;

/// <summary>The one check of a Gatys run's settings, reporting every problem at once.</summary>
public sealed partial record GatysOptions
{
    public const int MinSide = 32;
    public const int MaxSideLimit = 4096;
    public const int MaxScaleLevels = 5;

    /// <summary>The smallest <see cref="Tile"/>: one cell of VGG's pooling grid at four poolings.</summary>
    public const int MinTile = 16;

    /// <summary>The smallest <see cref="MemoryLimitMegabytes"/>: the process, the weights and a small tile.</summary>
    public const int MinMemoryLimitMegabytes = 1000;

    /// <summary>Every setting that cannot make a picture, each as a sentence; empty when all can. The studio checks as a person types.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. SizeProblems(this), .. OptimizerProblems(this), .. WeightProblems(this), .. LayerProblems(this), .. InitProblems(this), .. PreviewProblems(this)];

    /// <summary><see cref="Problems()"/>, and what is wrong with the paintings for these settings (none where one is needed, bad blend weights).</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<StyleInput> styles) => [.. Problems(), .. StyleInputProblems(this, styles)];

    private static IEnumerable<string> SizeProblems(GatysOptions o)
    {
        if (o.MaxSide < MinSide || o.MaxSide > MaxSideLimit) yield return $"MaxSide must be between {MinSide} and {MaxSideLimit} pixels (got {o.MaxSide}).";
        if (o.ScaleLevels < 1 || o.ScaleLevels > MaxScaleLevels) yield return $"ScaleLevels must be between 1 and {MaxScaleLevels} (got {o.ScaleLevels}).";
        else if (o.MaxSide >> (o.ScaleLevels - 1) < MinSide)
            yield return $"With {o.ScaleLevels} scale levels the smallest level would be {o.MaxSide >> (o.ScaleLevels - 1)} px; it must be at least {MinSide}: use fewer levels or a larger MaxSide.";
        if (!(o.StyleScale >= 0.1 && o.StyleScale <= 4)) yield return $"StyleScale must be between 0.1 and 4 (got {o.StyleScale}).";
        if (o.Tile is { } tile && (tile < MinTile || tile > MaxSideLimit)) yield return $"The tile size must be between {MinTile} and {MaxSideLimit} pixels (got {tile}).";
        if (o.MemoryLimitMegabytes < MinMemoryLimitMegabytes) yield return $"The memory limit must be at least {MinMemoryLimitMegabytes} MB (got {o.MemoryLimitMegabytes}).";
    }

    private static IEnumerable<string> OptimizerProblems(GatysOptions o)
    {
        if (o.Iterations < 1 || o.Iterations > 100_000) yield return $"Iterations must be between 1 and 100000 (got {o.Iterations}).";
        if (!(o.LearningRate > 0) || !double.IsFinite(o.LearningRate)) yield return $"LearningRate must be a positive number (got {o.LearningRate}).";
        if (o.LbfgsHistory < 1 || o.LbfgsHistory > 1000) yield return $"LbfgsHistory must be between 1 and 1000 (got {o.LbfgsHistory}).";
        if (!Enum.IsDefined(o.Optimizer)) yield return $"Unknown optimizer {o.Optimizer}.";
    }

    private static IEnumerable<string> WeightProblems(GatysOptions o)
    {
        foreach (var (name, value) in new[] { ("ContentWeight", o.ContentWeight), ("StyleWeight", o.StyleWeight), ("TvWeight", o.TvWeight) })
            if (!(value >= 0) || !double.IsFinite(value)) yield return $"{name} must be a finite number ≥ 0 (got {value}).";
        if (o.ContentWarmupIterations < 0) yield return $"ContentWarmupIterations must be ≥ 0 (got {o.ContentWarmupIterations}).";
        if (!(o.ContentWarmupFactor >= 1) || !double.IsFinite(o.ContentWarmupFactor)) yield return $"ContentWarmupFactor must be a finite number ≥ 1 (got {o.ContentWarmupFactor}).";
        if (o.TvReferencePixels is < 1) yield return $"TvReferencePixels must be at least 1 (got {o.TvReferencePixels}).";
        if (!Enum.IsDefined(o.NoiseStart)) yield return $"Unknown noise start {o.NoiseStart}.";
        if (o.UsesContent && o.ContentWeight == 0) yield return $"ContentWeight must be > 0 in {o.Mode} mode.";
        if (o.UsesStyle && o.StyleWeight == 0) yield return $"StyleWeight must be > 0 in {o.Mode} mode.";
    }

    private static IEnumerable<string> LayerProblems(GatysOptions o)
    {
        var known = VggLayout.Layers(o.Network).Select(l => l.Name).ToHashSet();
        if (o.UsesContent && o.ContentLayers.Count == 0) yield return "ContentLayers must name at least one layer.";
        if (o.UsesStyle && o.StyleLayers.Count == 0) yield return "StyleLayers must name at least one layer.";
        foreach (var layer in o.ContentLayers.Concat(o.StyleLayers).Distinct().Where(l => !known.Contains(l)))
            yield return $"{o.Network} has no layer '{layer}' (valid: relu1_1 … as in {string.Join(", ", known.Where(k => k.StartsWith("relu", StringComparison.Ordinal)))}).";
        if (o.StyleLayerWeights is { } weights)
        {
            if (weights.Count != o.StyleLayers.Count) yield return $"StyleLayerWeights has {weights.Count} entries for {o.StyleLayers.Count} style layers.";
            if (weights.Any(w => !(w >= 0) || !double.IsFinite(w)) || !(weights.Sum() > 0)) yield return "StyleLayerWeights must be finite, ≥ 0 and not all 0.";
        }
    }

    private static IEnumerable<string> InitProblems(GatysOptions o)
    {
        if (o.Init == GatysInit.Image && o.InitImage is null) yield return "Init is Image but no InitImage was given.";
        if (o.Init != GatysInit.Image && o.InitImage is not null) yield return $"InitImage is set but Init is {o.Init}; set Init to Image to use it.";
        if (o.Mode != GatysMode.Transfer && o.Init == GatysInit.Content)
            yield return $"{o.Mode} must not start from the content image (that would show nothing); start from Noise or an Image.";
        if (o.Mode == GatysMode.SynthesizeTexture && o.PreserveColors)
            yield return "PreserveColors keeps the content's colours, but SynthesizeTexture has no content; turn one of them off.";
    }

    private static IEnumerable<string> StyleInputProblems(GatysOptions o, IReadOnlyList<StyleInput> styles)
    {
        if (o.UsesStyle && styles.Count == 0) yield return $"{o.Mode} needs at least one style image.";
        if (styles.Any(s => !(s.BlendWeight >= 0) || !double.IsFinite(s.BlendWeight))) yield return "Style blend weights must be finite and ≥ 0.";
        else if (o.UsesStyle && styles.Count > 0 && !(styles.Sum(s => s.BlendWeight) > 0)) yield return "At least one style blend weight must be > 0.";
    }

    private static IEnumerable<string> PreviewProblems(GatysOptions o)
    {
        if (o.PreviewEveryIterations < 1) yield return $"PreviewEveryIterations must be ≥ 1 (got {o.PreviewEveryIterations}).";
        if (o.PreviewMinInterval < TimeSpan.Zero) yield return "PreviewMinInterval must not be negative.";
    }
}
