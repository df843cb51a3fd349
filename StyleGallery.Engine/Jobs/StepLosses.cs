namespace StyleGallery.Engine.Jobs;

/// <summary>
/// The loss terms of one optimisation or training step, unweighted except <paramref name="Total"/>
/// (= α·content + β·style + γ·TV), so a chart can show each term's own trend.
/// </summary>
public sealed record StepLosses(double Total, double Content, double Style, double TotalVariation);
