namespace StyleGallery.Engine.Gatys;

/// <summary>Where the optimised image starts.</summary>
public enum GatysInit
{
    /// <summary>Uniform white noise in 0..255, as in the paper.</summary>
    Noise,

    /// <summary>The content photo.</summary>
    Content,

    /// <summary><see cref="GatysOptions.InitImage"/>, resized to the output.</summary>
    Image,
}

/// <summary>What white noise a <see cref="GatysInit.Noise"/> start draws (issue 21).</summary>
public enum NoiseStart
{
    /// <summary>Every pixel and channel uniform in 0..255, independently: the paper's white noise.</summary>
    Uniform,

    /// <summary>Uniform noise drawn at an eighth of the size and enlarged bilinearly: full amplitude, no fine grain.</summary>
    LowPass,

    /// <summary>Mid-grey with uniform noise of a tenth of the range (±12.75 grey levels).</summary>
    Quiet,
}

/// <summary>The optimiser that updates the pixels.</summary>
public enum GatysOptimizer { Lbfgs, Adam }

/// <summary>The total-variation regulariser's form.</summary>
public enum TotalVariationForm
{
    /// <summary>Σ√(Δy² + Δx²): penalises edges by their length.</summary>
    Isotropic,

    /// <summary>Σ(Δy² + Δx²): smoother, penalises strong edges more.</summary>
    Squared,
}

/// <summary>What the optimisation matches.</summary>
public enum GatysMode
{
    /// <summary>Content of the photo, style of the painting(s).</summary>
    Transfer,

    /// <summary>Explore: reconstruct the photo from its content representation alone (no style).</summary>
    ReconstructContent,

    /// <summary>Explore: synthesise the painting's texture from its style representation alone (no content).</summary>
    SynthesizeTexture,
}
