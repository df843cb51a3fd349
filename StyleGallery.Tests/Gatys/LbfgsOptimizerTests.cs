using StyleGallery.Engine.Gatys;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Gatys;

[Collection(TorchCollection.Name)]
public sealed class LbfgsOptimizerTests
{
    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e9)]
    public void The_first_step_moves_the_pixels_two_grey_levels_rms_against_the_gradient_whatever_its_scale(double scale)
    {
        using var scope = NewDisposeScope();
        using var optimizer = new LbfgsOptimizer(historySize: 5);
        var image = full(new long[] { 1, 3, 4, 4 }, 100f);
        var gradient = arange(48, dtype: ScalarType.Float32).sub(20).reshape(1, 3, 4, 4).mul(scale);

        var step = optimizer.Next(image, gradient).sub(image);

        Assert.Equal(2.0, step.square().mean().sqrt().item<float>(), 1e-4);
        var cosine = step.flatten().dot(gradient.flatten()).item<float>() / (step.norm().item<float>() * gradient.norm().item<float>());
        Assert.Equal(-1.0, cosine, 1e-5);
    }

    [Fact]
    public void On_a_quadratic_bowl_it_reaches_the_minimum()
    {
        // f(x) = ½ Σ d_i (x_i − c_i)², curvatures 1…10: unit L-BFGS steps with the newest pair's scaling converge.
        using var scope = NewDisposeScope();
        using var optimizer = new LbfgsOptimizer(historySize: 10);
        var curvature = linspace(1, 10, 300).reshape(1, 3, 10, 10);
        var minimum = linspace(0, 255, 300).reshape(1, 3, 10, 10);
        var x = full(new long[] { 1, 3, 10, 10 }, 128f);
        var startDistance = x.sub(minimum).norm().item<float>();

        for (var i = 0; i < 40; i++)
        {
            using var step = NewDisposeScope();
            x = optimizer.Next(x, curvature.mul(x.sub(minimum))).MoveToOuterDisposeScope();
        }

        Assert.True(x.sub(minimum).norm().item<float>() < 1e-3 * startDistance,
            $"distance to the minimum {x.sub(minimum).norm().item<float>()} from {startDistance}");
    }
}
