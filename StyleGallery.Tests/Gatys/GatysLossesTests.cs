using StyleGallery.Engine.Gatys;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Gatys;

/// <summary>The loss terms on tiny tensors, against values worked out by hand.</summary>
[Collection(TorchCollection.Name)]
public sealed class GatysLossesTests
{
    [Fact]
    public void Content_loss_is_half_the_sum_of_squared_differences()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 1, 2, 2);
        var p = tensor(new float[] { 0, 2, 5, 1 }).reshape(1, 1, 2, 2);

        Assert.Equal(0.5 * (1 + 0 + 4 + 9), GatysLosses.Content(f, p).item<float>(), 5);
    }

    [Fact]
    public void Gram_and_style_loss_follow_equations_3_and_4()
    {
        using var scope = NewDisposeScope();
        // N = 2 channels, M = 2 positions: F = [[1,2],[3,4]], G = F·Fᵀ = [[5,11],[11,25]].
        var f = tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 2, 1, 2);
        var a = tensor(new float[] { 4, 11, 11, 27 }).reshape(2, 2);

        Assert.Equal([5f, 11, 11, 25], GatysLosses.Gram(f).flatten().data<float>().ToArray());
        Assert.Equal((1.0 + 4.0) / (4 * 4 * 4), GatysLosses.StyleLayer(f, a).item<float>(), 6);
    }

    [Fact]
    public void A_style_target_from_a_smaller_image_is_scaled_to_the_generated_positions()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new float[] { 1, 2 }).reshape(1, 1, 1, 2); // M = 2, G = 5

        Assert.Equal(5f * 8 / 2, GatysLosses.StyleTarget(f, generatedPositions: 8).item<float>());
    }

    [Fact]
    public void Total_variation_covers_i_below_h_minus_1_and_j_below_w_minus_1()
    {
        using var scope = NewDisposeScope();
        // One channel, 2×3: [[0,3,3],[4,3,9]]. Only (0,0) and (0,1) count:
        // (0,0): dy = 4, dx = 3 → 5;  (0,1): dy = 0, dx = 0 → 0 (ε only).
        var image = tensor(new float[] { 0, 3, 3, 4, 3, 9 }).reshape(1, 1, 2, 3);

        Assert.Equal(5.0, GatysLosses.TotalVariation(image, TotalVariationForm.Isotropic).item<float>(), 3);
        Assert.Equal(25.0, GatysLosses.TotalVariation(image, TotalVariationForm.Squared).item<float>(), 5);
    }

    [Fact]
    public void Isotropic_total_variation_has_a_finite_gradient_on_a_flat_image()
    {
        using var scope = NewDisposeScope();
        var flat = full(new long[] { 1, 3, 4, 4 }, 100f).requires_grad_(true);

        GatysLosses.TotalVariation(flat, TotalVariationForm.Isotropic).backward();

        Assert.True(flat.grad!.isfinite().all().item<bool>());
    }
}
