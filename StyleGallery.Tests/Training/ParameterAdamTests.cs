using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;
using static TorchSharp.torch;

namespace StyleGallery.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ParameterAdamTests
{
    [Fact]
    public void The_first_step_moves_a_parameter_by_the_learning_rate_against_its_gradient()
    {
        // Adam's first bias-corrected step: m̂ = g, v̂ = g², so Δ = −lr·g/(|g| + ε) = −lr·sign(g).
        using var parameter = tensor(new float[] { 1f, -2f }).requires_grad_();
        using var adam = new ParameterAdam([("p", parameter)], learningRate: 0.1);
        using (var loss = parameter.mul(tensor(new float[] { 0.5f, -3f })).sum()) loss.backward();

        Assert.True(adam.Step());

        Assert.Equal(new[] { 0.9f, -1.9f }, parameter.detach().data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void A_step_with_a_non_finite_gradient_is_skipped_and_leaves_no_trace()
    {
        using var parameter = tensor(new float[] { 1f, 2f }).requires_grad_();
        using var adam = new ParameterAdam([("p", parameter)], learningRate: 0.1);
        using (var loss = parameter.mul(tensor(new float[] { float.NaN, 1f })).sum()) loss.backward();

        Assert.False(adam.Step());

        Assert.Equal(new[] { 1f, 2f }, parameter.detach().data<float>().ToArray());
        Assert.Equal(0, adam.StepCount);
        Assert.All(adam.State(), moment => Assert.Equal(0f, moment.Value.abs().max().item<float>()));
        Assert.Equal(0f, parameter.grad!.abs().max().item<float>());
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
