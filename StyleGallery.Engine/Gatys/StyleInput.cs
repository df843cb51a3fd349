using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Gatys;

/// <summary>One style image and its share of the blend (weights are normalised to sum to 1).</summary>
public sealed record StyleInput(RgbImage Image, double BlendWeight = 1.0);
