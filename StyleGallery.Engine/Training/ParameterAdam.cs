using static TorchSharp.torch;

namespace StyleGallery.Engine.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) over named parameters, written out so that its moments can be saved into a checkpoint and
/// restored exactly (torch.optim.Adam's state cannot go through our float32 safetensors writer by name).
/// </summary>
public sealed class ParameterAdam : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private readonly IReadOnlyList<(string Name, Tensor Parameter)> _parameters;
    private readonly Dictionary<string, Tensor> _first = [];
    private readonly Dictionary<string, Tensor> _second = [];
    private readonly double _learningRate;

    public ParameterAdam(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate)
    {
        _parameters = parameters.ToList();
        _learningRate = learningRate;
        foreach (var (name, p) in _parameters)
        {
            _first[name] = zeros_like(p).DetachFromDisposeScope();
            _second[name] = zeros_like(p).DetachFromDisposeScope();
        }
    }

    /// <summary>Updates taken so far (Adam's t).</summary>
    public int StepCount { get; private set; }

    /// <summary>
    /// One update from the gradients left by backward() at the constructor's step size; clears them afterwards. A step whose gradients hold a NaN or
    /// an infinity is skipped (false), as mixed-precision loss scalers do, so one bad batch cannot poison the weights
    /// and Adam's moments; the run's divergence check still stops a run whose loss itself stops being finite.
    /// </summary>
    public bool Step() => Step(_learningRate);

    /// <summary>As <see cref="Step()"/> with this step's own step size (a schedule's value; the constructor's is the default).</summary>
    public bool Step(double learningRate)
    {
        using var noGrad = no_grad();
        var gradients = _parameters.Select(p => (p.Name, p.Parameter, Gradient: p.Parameter.grad)).Where(g => g.Gradient is not null).ToList();
        try
        {
            if (!gradients.All(g => AllFinite(g.Gradient!))) return false;
            StepCount++;
            var firstCorrection = 1 - Math.Pow(Beta1, StepCount);
            var secondCorrection = 1 - Math.Pow(Beta2, StepCount);
            foreach (var (name, p, gradient) in gradients)
            {
                _first[name].mul_(Beta1).add_(gradient!, alpha: 1 - Beta1);
                _second[name].mul_(Beta2).addcmul_(gradient!, gradient!, value: 1 - Beta2);
                using var denominator = _second[name].div(secondCorrection).sqrt_().add_(Epsilon);
                p.addcdiv_(_first[name], denominator, value: -learningRate / firstCorrection);
            }
            return true;
        }
        finally
        {
            foreach (var (_, _, gradient) in gradients)
            {
                gradient!.zero_();
                gradient.Dispose();
            }
        }
    }

    private static bool AllFinite(Tensor tensor)
    {
        using var finite = isfinite(tensor).all();
        return finite.item<bool>();
    }

    /// <summary>The moments by "m.&lt;name&gt;" and "v.&lt;name&gt;", for a checkpoint.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> State() =>
        _first.Select(kv => KeyValuePair.Create("m." + kv.Key, kv.Value))
            .Concat(_second.Select(kv => KeyValuePair.Create("v." + kv.Key, kv.Value)));

    /// <summary>Restores moments and step count saved by <see cref="State"/>.</summary>
    public void Restore(Func<string, Tensor> read, int stepCount)
    {
        using var noGrad = no_grad();
        foreach (var (name, _) in _parameters)
        {
            using var m = read("m." + name);
            using var v = read("v." + name);
            _first[name].copy_(m);
            _second[name].copy_(v);
        }
        StepCount = stepCount;
    }

    public void Dispose()
    {
        foreach (var t in _first.Values.Concat(_second.Values)) t.Dispose();
    }
}
