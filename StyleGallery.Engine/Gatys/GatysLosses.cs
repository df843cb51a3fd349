using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// The loss terms of Gatys, Ecker &amp; Bethge (2016), "Image Style Transfer Using Convolutional Neural Networks",
/// eqs. 1, 3–5, plus a total-variation regulariser. Feature maps are [1,C,H,W]; with N = C and M = H·W,
/// F is the N×M matrix of one layer's responses.
/// </summary>
public static class GatysLosses
{
    /// <summary>Keeps √ differentiable where both differences are exactly 0; 1e-8 is far below float32 resolution of real pixel gradients.</summary>
    public const double TvEpsilon = 1e-8;

    /// <summary>Eq. 1: ½·Σ(F − P)².</summary>
    public static Tensor Content(Tensor features, Tensor target) => ContentLoss(features.sub(target));

    /// <summary>Eq. 3: G = F·Fᵀ, unnormalised, [N,N].</summary>
    public static Tensor Gram(Tensor features)
    {
        var matrix = AsMatrix(features);
        return matrix.matmul(matrix.t());
    }

    /// <summary>Eq. 4: Σ(G − A)² / (4·N²·M²), with N and M taken from <paramref name="features"/>.</summary>
    public static Tensor StyleLayer(Tensor features, Tensor targetGram)
    {
        var (n, m) = (features.shape[1], Positions(features));
        return StyleLoss(Gram(features).sub(targetGram), n, m);
    }

    private static Tensor ContentLoss(Tensor difference) => difference.square().sum().mul(0.5);

    private static Tensor StyleLoss(Tensor gramDifference, long n, long m) => gramDifference.square().sum().div(4.0 * n * n * m * m);

    /// <summary>
    /// Eq. 1 and <paramref name="weight"/> × its gradient, eq. 2: ∂/∂F = F − P (where F &gt; 0; the ReLU's mask is applied
    /// by the network's backward). F − P is computed once for both.
    /// </summary>
    public static (Tensor Loss, Tensor Gradient) ContentWithGradient(Tensor features, Tensor target, double weight)
    {
        var difference = features.sub(target);
        var loss = ContentLoss(difference);
        return (loss, difference.mul_(weight));
    }

    /// <summary>
    /// Eq. 4 and <paramref name="weight"/> × its gradient, eq. 6: ∂E/∂F = (G − A)·F / (N²M²). Autograd through G = F·Fᵀ
    /// would spend two [N,N]×[N,M] products on the backward (one per operand); the closed form needs one, done in
    /// <paramref name="gradientType"/>: bfloat16 when the network computes in it (F is then exact in bfloat16 and the
    /// product accumulates in float32), halving it again. G and the loss stay float32. The weight and the 1/(N²M²) go
    /// on the small [N,N] factor, and the big temporaries are freed at once: a dispose scope would hold each until the
    /// iteration ends (at 1024² that is gigabytes).
    /// </summary>
    public static (Tensor Loss, Tensor Gradient) StyleLayerWithGradient(Tensor features, Tensor targetGram, double weight, ScalarType gradientType)
    {
        var (n, m) = (features.shape[1], Positions(features));
        using var matrix = AsMatrix(features);
        using var difference = matrix.matmul(matrix.t()).sub_(targetGram);
        var loss = StyleLoss(difference, n, m);
        using var factor = StyleFactor(difference, n, m, weight, gradientType);
        using var gradient = Product(factor, matrix, features.dtype);
        return (loss, gradient.view_as(features));
    }

    /// <summary>
    /// Eq. 4 from a layer's G − A, for a G summed over tiles: Σ(G − A)² / (4·N²·M²), with M the positions of the whole
    /// picture's feature map.
    /// </summary>
    public static Tensor StyleLossOfDifference(Tensor gramDifference, long n, long m) => StyleLoss(gramDifference, n, m);

    /// <summary>
    /// The [N,N] factor <paramref name="weight"/>·(G − A)/(N²M²) of eq. 6, in <paramref name="gradientType"/>: ∂E/∂F is
    /// it times F. With G and M of the whole picture it is the same for every tile, so a tile's features give their own
    /// part of the whole picture's gradient (<see cref="StyleGradient"/>).
    /// </summary>
    public static Tensor StyleFactor(Tensor gramDifference, long n, long m, double weight, ScalarType gradientType) =>
        gramDifference.mul(weight / ((double)n * n * m * m)).to(gradientType);

    /// <summary>
    /// ∂E/∂F at <paramref name="features"/> ([1,N,h,w], any part of the picture's feature map) given the whole picture's
    /// <see cref="StyleFactor"/>: factor·F, in the features' element type.
    /// </summary>
    public static Tensor StyleGradient(Tensor factor, Tensor features)
    {
        using var matrix = AsMatrix(features);
        using var gradient = Product(factor, matrix, features.dtype);
        return gradient.view(features.shape);
    }

    private static Tensor Product(Tensor factor, Tensor matrix, ScalarType resultType) =>
        factor.dtype == resultType ? factor.matmul(matrix) : LowPrecisionProduct(factor, matrix, resultType);

    private static Tensor LowPrecisionProduct(Tensor factor, Tensor matrix, ScalarType resultType)
    {
        using var lowMatrix = matrix.to(factor.dtype);
        using var product = factor.matmul(lowMatrix);
        return product.to(resultType);
    }

    /// <summary>
    /// The Gram matrix a style image contributes when the generated image has <paramref name="generatedPositions"/>
    /// positions at this layer. The paper compares Grams of equal-sized images; a Gram grows with M, so a style image
    /// of another size is rescaled by M_generated/M_style (no change when the sizes agree).
    /// </summary>
    public static Tensor StyleTarget(Tensor styleFeatures, long generatedPositions) =>
        Gram(styleFeatures).mul((double)generatedPositions / Positions(styleFeatures));

    /// <summary>
    /// Total variation of a [1,3,H,W] image over c, i &lt; H−1, j &lt; W−1: Σ√(Δy² + Δx² + ε) (isotropic) or Σ(Δy² + Δx²).
    /// </summary>
    public static Tensor TotalVariation(Tensor image, TotalVariationForm form)
    {
        var corner = image[.., .., ..^1, ..^1];
        var dy = image[.., .., 1.., ..^1].sub(corner);
        var dx = image[.., .., ..^1, 1..].sub(corner);
        var squared = dy.square().add(dx.square());
        return form == TotalVariationForm.Isotropic ? squared.add(TvEpsilon).sqrt().sum() : squared.sum();
    }

    /// <summary>M = H·W, the number of positions of one feature map.</summary>
    public static long Positions(Tensor features) => features.shape[2] * features.shape[3];

    private static Tensor AsMatrix(Tensor features)
    {
        if (features.dim() != 4 || features.shape[0] != 1)
            throw new ArgumentException($"Expected one feature map [1,C,H,W], got [{string.Join(",", features.shape)}].", nameof(features));
        return features.reshape(features.shape[1], -1);
    }
}
