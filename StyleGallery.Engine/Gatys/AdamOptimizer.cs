using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) on the pixels. Written out rather than using torch.optim.Adam so that both optimisers
/// share the one-evaluation-per-iteration loop and their state is outside the per-iteration dispose scope.
/// </summary>
internal sealed class AdamOptimizer(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : IPixelOptimizer
{
    private Tensor? _firstMoment;
    private Tensor? _secondMoment;
    private int _step;

    public Tensor Next(Tensor image, Tensor gradient)
    {
        _step++;
        _firstMoment ??= zeros_like(gradient).DetachFromDisposeScope();
        _secondMoment ??= zeros_like(gradient).DetachFromDisposeScope();
        _firstMoment.mul_(beta1).add_(gradient, alpha: 1 - beta1);
        _secondMoment.mul_(beta2).addcmul_(gradient, gradient, value: 1 - beta2);
        var correctedFirst = _firstMoment.div(1 - Math.Pow(beta1, _step));
        var correctedSecond = _secondMoment.div(1 - Math.Pow(beta2, _step));
        return image.sub(correctedFirst.div(correctedSecond.sqrt().add(epsilon)).mul(learningRate));
    }

    public void Dispose()
    {
        _firstMoment?.Dispose();
        _secondMoment?.Dispose();
    }
}
