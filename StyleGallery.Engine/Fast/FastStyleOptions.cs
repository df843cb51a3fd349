using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Fast;

/// <summary>Settings of one fast stylisation.</summary>
public sealed record FastStyleOptions
{
    /// <summary>The content photo is scaled down (never up) so that its longer side is at most this many pixels.</summary>
    public int MaxSide { get; init; } = 1024;

    /// <summary>Keep the photo's colours and take only the luminance from the network (Gatys et al. 2016).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>1 is the network's picture, 0 the photo, anything between a mix of the two (<see cref="Imaging.StyleStrength"/>).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// bfloat16 by measurement (docs/benchmarks.md): 2-4x faster than float32 on this CPU and on every pretrained style
    /// and content photo within 1.5 grey levels mean absolute error of it (worst case about 1.1).
    /// </summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.BFloat16;
}
