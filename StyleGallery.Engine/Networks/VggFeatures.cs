using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Networks;

/// <summary>
/// A frozen VGG feature extractor, truncated after the deepest tap asked for. One forward pass returns every
/// requested tap (<c>conv3_1</c>, <c>relu4_2</c>, <c>pool2</c>, …) by name. Input: RGB 0..255, [N,3,H,W];
/// the weight file's own normalisation is applied inside.
/// </summary>
public sealed class VggFeatures : nn.Module<Tensor, Dictionary<string, Tensor>>
{
    private readonly IReadOnlyList<VggLayer> _layers;
    private readonly HashSet<string> _taps;
    private readonly Dictionary<string, Conv2d> _convs = [];
    private readonly VggPooling _pooling;
    private readonly Tensor _inputScale;
    private readonly Tensor _inputShift;

    private VggFeatures(VggWeightFile weights, IReadOnlyCollection<string> taps, VggPooling pooling, ScalarType computeType)
        : base($"{weights.Architecture}Features")
    {
        var deepest = taps.Select(t => VggLayout.Find(weights.Architecture, t)).MaxBy(l => l.TorchvisionIndex)!;
        _layers = VggLayout.Layers(weights.Architecture).Take(deepest.TorchvisionIndex + 1).ToList();
        _taps = [.. taps];
        _pooling = pooling;
        ComputeType = computeType;
        Architecture = weights.Architecture;
        (_inputScale, _inputShift) = InputAffine(weights.Conventions);
        register_buffer("input_scale", _inputScale);
        register_buffer("input_shift", _inputShift);
        foreach (var conv in _layers.Where(l => l.Kind == VggLayerKind.Conv))
            _convs[conv.Name] = LoadConv(weights, conv, computeType);
        foreach (var (name, conv) in _convs) register_module(name, conv);
        Freeze();
    }

    public VggArchitecture Architecture { get; }

    /// <summary>
    /// The element type of the convolutions. Taps are always returned in float32, so the losses computed from them
    /// keep float32 accuracy whatever the convolutions ran in.
    /// </summary>
    public ScalarType ComputeType { get; }

    /// <summary>The tap names this extractor returns.</summary>
    public IReadOnlyCollection<string> Taps => _taps;

    /// <summary>
    /// Builds an extractor for <paramref name="taps"/> from a weight file.
    /// Throws <see cref="MissingVggLayerException"/> when the file lacks a convolution a tap needs,
    /// <see cref="UnknownVggLayerException"/> for a name the architecture does not have.
    /// </summary>
    public static VggFeatures Load(string path, VggArchitecture architecture, VggWeightConventions conventions,
        IEnumerable<string> taps, VggPooling pooling = VggPooling.Max, ScalarType computeType = ScalarType.Float32) =>
        Load(VggWeightFile.Open(path, architecture, conventions), taps, pooling, computeType);

    /// <inheritdoc cref="Load(string, VggArchitecture, VggWeightConventions, IEnumerable{string}, VggPooling, ScalarType)"/>
    public static VggFeatures Load(VggWeightFile weights, IEnumerable<string> taps, VggPooling pooling = VggPooling.Max,
        ScalarType computeType = ScalarType.Float32)
    {
        if (computeType is not (ScalarType.Float32 or ScalarType.BFloat16))
            throw new ArgumentException($"VGG computes in Float32 or BFloat16, not {computeType}.", nameof(computeType));
        var distinct = taps.Distinct().ToList();
        if (distinct.Count == 0) throw new ArgumentException("Ask for at least one VGG layer.", nameof(taps));
        foreach (var tap in distinct) VggLayout.Find(weights.Architecture, tap);
        weights.EnsureCanCompute(distinct);
        // Conv2d's random initialisation leaves temporaries; a scope frees them, keeping only the module's own tensors.
        using var scope = NewDisposeScope();
        var features = new VggFeatures(weights, distinct, pooling, computeType);
        scope.Detach(features.parameters());
        scope.Detach(features.buffers());
        return features;
    }

    public override Dictionary<string, Tensor> forward(Tensor rgb255)
    {
        if (rgb255.dim() != 4 || rgb255.shape[1] != 3)
            throw new ArgumentException($"VGG expects [N,3,H,W] RGB, got [{string.Join(",", rgb255.shape)}].", nameof(rgb255));
        var outputs = new Dictionary<string, Tensor>();
        var x = Normalize(rgb255);
        foreach (var layer in _layers)
        {
            var next = Apply(layer, x);
            // Our handle on an intermediate goes at once, as Python's would: autograd keeps what backward needs,
            // and a dispose scope would otherwise hold every conv output of the pass until the iteration ends.
            if (!outputs.ContainsValue(x)) x.Dispose();
            x = next;
            if (_taps.Contains(layer.Name)) outputs[layer.Name] = x.dtype == ScalarType.Float32 ? x : x.to(ScalarType.Float32);
        }
        if (!outputs.ContainsValue(x)) x.Dispose();
        return outputs;
    }

    private Tensor Normalize(Tensor rgb255)
    {
        using var scaled = rgb255.mul(_inputScale);
        if (ComputeType == ScalarType.Float32) return scaled.add(_inputShift);
        using var normalized = scaled.add(_inputShift);
        return normalized.to(ComputeType);
    }

    private Tensor Apply(VggLayer layer, Tensor x) => layer.Kind switch
    {
        VggLayerKind.Conv => _convs[layer.Name].forward(x),
        VggLayerKind.Relu => nn.functional.relu(x),
        _ => _pooling == VggPooling.Max
            ? nn.functional.max_pool2d(x, kernel_size: 2, stride: 2)
            : nn.functional.avg_pool2d(x, kernel_size: 2, stride: 2),
    };

    /// <summary>Folds (x·scale/255 − mean)/std into one multiply-add per channel.</summary>
    private static (Tensor Scale, Tensor Shift) InputAffine(VggWeightConventions conventions)
    {
        if (conventions.Mean.Length != 3 || conventions.Std.Length != 3 || conventions.Std.Any(s => s <= 0) || conventions.InputScale <= 0)
            throw new ArgumentException("VGG conventions need three means, three positive stds and a positive input scale.", nameof(conventions));
        var scale = conventions.Std.Select(s => conventions.InputScale / 255f / s).ToArray();
        var shift = conventions.Mean.Zip(conventions.Std, (m, s) => -m / s).ToArray();
        long[] shape = [1, 3, 1, 1];
        return (tensor(scale, shape), tensor(shift, shape));
    }

    private static Conv2d LoadConv(VggWeightFile weights, VggLayer layer, ScalarType computeType)
    {
        var conv = nn.Conv2d(layer.InChannels, layer.OutChannels, kernel_size: 3, stride: 1, padding: 1, dtype: computeType);
        using var weight = weights.Read(layer, "weight");
        using var bias = weights.Read(layer, "bias");
        using (no_grad())
        {
            conv.weight!.copy_(weight);
            conv.bias!.copy_(bias);
        }
        return conv;
    }

    private void Freeze()
    {
        foreach (var parameter in parameters()) parameter.requires_grad = false;
        eval();
    }
}
