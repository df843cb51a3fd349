using static TorchSharp.torch;

namespace StyleGallery.Engine.Runtime;

/// <summary>The element type a network computes in.</summary>
public enum ComputePrecision
{
    Float32,

    /// <summary>
    /// About twice as fast on CPUs with bfloat16 instructions (AVX-512 BF16, AMX) and on GPUs, at a small cost in
    /// accuracy: 8 bits of mantissa instead of 24.
    /// </summary>
    BFloat16,
}

public static class ComputePrecisionExtensions
{
    public static ScalarType ToScalarType(this ComputePrecision precision) =>
        precision == ComputePrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
}
