using StyleGallery.Engine.Runtime;

namespace StyleGallery.Engine.Fast;

/// <summary>Settings of one fast stylisation.</summary>
public sealed record FastStyleOptions
{
    /// <summary>The content photo is scaled down (never up) so that its longer side is at most this many pixels.</summary>
    public int MaxSide { get; init; } = 1024;

    /// <summary>Keep the photo's colours and take only the luminance from the network (Gatys et al. 2016).</summary>
    public bool PreserveColors { get; init; }

    /// <summary>
    /// Pixels of the photo mirrored beyond its right and bottom edges (a third as many beyond the left and top) before
    /// the network, and cropped off after. Not in Johnson et al. (2016): the pretrained networks
    /// (lengstrom/fast-style-transfer) pad every convolution with zeros, which paints a band of wrong texture up to
    /// ~20 px wide along the edges, widest on the right and bottom where TensorFlow's "SAME" padding adds its extra
    /// pixel. Mirrored, the band falls outside the picture (docs/fast.md). 0 turns it off.
    /// </summary>
    public int EdgePadding { get; init; } = 24;

    /// <summary>1 is the network's picture, 0 the photo, anything between a mix of the two (<see cref="Imaging.StyleStrength"/>).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// bfloat16 by measurement (docs/benchmarks.md): 2-4x faster than float32 on this CPU and on every pretrained style
    /// and content photo within 1.5 grey levels mean absolute error of it (worst case about 1.1).
    /// </summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.BFloat16;
}
