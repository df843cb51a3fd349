namespace StyleGallery.Engine.Networks;

/// <summary>Where a VGG weight file lies and which conventions it follows (what a model catalogue resolves to).</summary>
public sealed record VggWeightSource(string Path, VggWeightConventions Conventions);
