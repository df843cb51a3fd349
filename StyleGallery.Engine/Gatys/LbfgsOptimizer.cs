using static TorchSharp.torch;

namespace StyleGallery.Engine.Gatys;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980, two-loop recursion) with unit steps and no line search, as jcjohnson/neural-style
/// and torch.optim.LBFGS without line search run it. Written here instead of using TorchSharp's LBFGS because:
/// one reported iteration must be exactly one evaluation (TorchSharp's step bundles several and may stop early on
/// its tolerances); and pixels are clamped to 0..255 after each step, so the curvature pair must use the step actually
/// taken (x_{k+1} − x_k after clamping), which a library optimiser cannot know.
/// </summary>
internal sealed class LbfgsOptimizer(int historySize) : IPixelOptimizer
{
    /// <summary>Pairs with sᵀy below this are skipped: they carry no usable curvature (PyTorch uses the same bound).</summary>
    private const double MinCurvature = 1e-10;

    /// <summary>
    /// The first step (no curvature known yet) moves the pixels along −g by this root-mean-square amount, in grey levels.
    /// A departure from PyTorch's and Torch7's −g·min(1, 1/‖g‖₁): with Gatys's gradients (‖g‖₁ ~ 1e9) that step is
    /// ~1e-4 grey levels, too small for the gradient difference to measure curvature. In float32 the first pairs then
    /// come out with negative curvature and are skipped (two evaluations lost); with a bfloat16 loss network the step is
    /// below the input's resolution, the gradient barely changes, the pair claims almost no curvature and the next step
    /// is huge: started from the photo at 128 px that run ended 40 evaluations at 2.4× float32's loss. Two grey levels
    /// are resolved by either precision; from noise the runs end where PyTorch's rule ends (docs/gatys.md).
    /// </summary>
    internal const double FirstStepRms = 2;

    private readonly LinkedList<(Tensor S, Tensor Y, double Rho)> _history = new();
    private Tensor? _previousImage;
    private Tensor? _previousGradient;

    public Tensor Next(Tensor image, Tensor gradient)
    {
        var x = image.detach().flatten();
        var g = gradient.detach().flatten();
        if (_previousImage is not null) Remember(x.sub(_previousImage), g.sub(_previousGradient!));
        var direction = TwoLoopDirection(g);
        Keep(x, g);
        return x.add(direction).view_as(image);
    }

    public void Dispose()
    {
        foreach (var (s, y, _) in _history) { s.Dispose(); y.Dispose(); }
        _history.Clear();
        _previousImage?.Dispose();
        _previousGradient?.Dispose();
    }

    private void Remember(Tensor s, Tensor y)
    {
        var sy = s.dot(y).item<float>();
        if (sy <= MinCurvature) return;
        _history.AddLast((s.DetachFromDisposeScope(), y.DetachFromDisposeScope(), 1.0 / sy));
        if (_history.Count <= historySize) return;
        _history.First!.Value.S.Dispose();
        _history.First.Value.Y.Dispose();
        _history.RemoveFirst();
    }

    /// <summary>−H·g; without history, the first step (see <see cref="FirstStepRms"/>).</summary>
    private Tensor TwoLoopDirection(Tensor g)
    {
        var q = g.neg();
        if (_history.Count == 0) return q.mul(FirstStepRms / Math.Max(g.square().mean().sqrt().item<float>(), float.Epsilon));
        var alphas = new Stack<double>();
        for (var node = _history.Last; node is not null; node = node.Previous)
        {
            var alpha = node.Value.Rho * node.Value.S.dot(q).item<float>();
            q = q.sub(node.Value.Y.mul(alpha));
            alphas.Push(alpha);
        }
        var newest = _history.Last!.Value;
        var r = q.mul(1.0 / (newest.Rho * newest.Y.dot(newest.Y).item<float>()));
        foreach (var (s, y, rho) in _history)
        {
            var beta = rho * y.dot(r).item<float>();
            r = r.add(s.mul(alphas.Pop() - beta));
        }
        return r;
    }

    private void Keep(Tensor x, Tensor g)
    {
        _previousImage?.Dispose();
        _previousGradient?.Dispose();
        _previousImage = x.clone().DetachFromDisposeScope();
        _previousGradient = g.clone().DetachFromDisposeScope();
    }
}
