using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace StyleGallery.Engine.Fast;

/// <summary>
/// The feed-forward style network of Johnson, Alahi &amp; Fei-Fei 2016 ("Perceptual Losses for Real-Time Style
/// Transfer"), in the variant of lengstrom/fast-style-transfer whose pretrained weights we load: 9x9 and 3x3
/// bias-free convolutions with TensorFlow "SAME" padding, instance norm instead of batch norm, five residual blocks
/// without a ReLU after the sum, and an output of tanh(y)*150 + 127.5 instead of the paper's scaled tanh.
/// Input and output are [N,3,H,W] RGB in 0..255; the output is cropped back to the input's size.
/// </summary>
public sealed class TransformerNet : Module<Tensor, Tensor>
{
    /// <summary>Name of the last activation of <see cref="ForwardWithActivations"/>: 0..255, before the crop.</summary>
    public const string OutputName = "output";

    private const double TanhScale = 150;
    private const double TanhOffset = 127.5;

    private readonly IReadOnlyList<(string Name, Func<Tensor, Tensor> Run)> _stages;

    public TransformerNet(TransformerNetOptions? options = null) : base(nameof(TransformerNet))
    {
        Options = options ?? TransformerNetOptions.Pretrained;
        var c = Options.BaseChannels;
        var stages = new List<(string, Func<Tensor, Tensor>)>
        {
            ConvStage(1, 3, c, kernel: 9, stride: 1),
            ConvStage(2, c, 2 * c, kernel: 3, stride: 2),
            ConvStage(3, 2 * c, 4 * c, kernel: 3, stride: 2),
        };
        for (var i = 1; i <= Options.ResidualBlocks; i++) stages.Add(ResidualStage(i, 4 * c));
        stages.Add(UpsampleStage(1, normIndex: 4, 4 * c, 2 * c));
        stages.Add(UpsampleStage(2, normIndex: 5, 2 * c, c));
        stages.Add(PreTanhStage(c));
        stages.Add((OutputName, Options.Normalization == FastNormalization.Batch ? ToPixelsJohnson : ToPixelRange));
        _stages = stages;
    }

    public TransformerNetOptions Options { get; }

    /// <summary>The element type of the weights; inputs are converted to it.</summary>
    public ScalarType ParameterType => parameters().First().dtype;

    /// <summary>
    /// Loads a pretrained network for inference: weights checked strictly by name and shape, converted to
    /// <paramref name="precision"/>, frozen, on <paramref name="device"/> (CPU when null).
    /// </summary>
    public static TransformerNet FromPretrained(string path, Device? device = null, ScalarType precision = ScalarType.Float32)
    {
        var net = new TransformerNet();
        StrictWeightLoader.Load(net, path);
        net.to(precision).to(device ?? CPU);
        foreach (var parameter in net.parameters()) parameter.requires_grad = false;
        net.eval();
        return net;
    }

    /// <summary>
    /// The lean forward: each intermediate is freed as soon as the next stage has consumed it, and element-wise
    /// steps work in place when no gradient is recorded. The caller keeps ownership of <paramref name="input"/>.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        var x = ToParameterType(input);
        foreach (var (_, run) in _stages)
        {
            var next = run(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = next;
        }
        return CropConsuming(x, input.shape[2], input.shape[3]);
    }

    /// <summary>
    /// Every stage's output by the names of the golden file (<c>after_conv1_in1_relu</c> ... <c>after_res5</c> ...
    /// <c>after_conv4_in6_pre_tanh</c>, <see cref="OutputName"/>), all kept alive; the output is not cropped.
    /// For tests and inspection, not for large images.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> ForwardWithActivations(Tensor input)
    {
        CheckInput(input);
        var activations = new Dictionary<string, Tensor>();
        var x = ToParameterType(input);
        foreach (var (name, run) in _stages)
        {
            x = run(x);
            activations[name] = x;
        }
        return activations;
    }

    private (string, Func<Tensor, Tensor>) ConvStage(int index, int inChannels, int outChannels, int kernel, int stride)
    {
        var conv = Register($"conv{index}", new SamePaddingConv(inChannels, outChannels, kernel, stride));
        var norm = Register($"in{index}", CreateNormalization(outChannels));
        return ($"after_conv{index}_in{index}_relu", x => LeanOps.ReluConsuming(NormalizeConsuming(norm, conv.forward(x))));
    }

    private (string, Func<Tensor, Tensor>) ResidualStage(int index, int channels)
    {
        var block = Register($"res{index}", new ResidualBlock(channels, CreateNormalization, CreateResidualConvolution));
        return ($"after_res{index}", block.forward);
    }

    private (string, Func<Tensor, Tensor>) UpsampleStage(int index, int normIndex, int inChannels, int outChannels)
    {
        var upsample = Register($"deconv{index}", CreateUpsampling(inChannels, outChannels));
        var norm = Register($"in{normIndex}", CreateNormalization(outChannels));
        return ($"after_deconv{index}_in{normIndex}_relu", x => LeanOps.ReluConsuming(NormalizeConsuming(norm, upsample.forward(x))));
    }

    private (string, Func<Tensor, Tensor>) PreTanhStage(int inChannels)
    {
        const string name = "after_conv4_in6_pre_tanh";
        var conv = Register("conv4", new SamePaddingConv(inChannels, 3, kernel: 9, stride: 1, bias: !Options.OutputNormalization));
        if (!Options.OutputNormalization) return (name, conv.forward);
        var norm = Register("in6", CreateNormalization(3));
        return (name, x => NormalizeConsuming(norm, conv.forward(x)));
    }

    /// <summary>
    /// tanh(y)*150 + 127.5, always in float32 (bfloat16 cannot hold 0..255 to a grey level), clamped to 0..255 for
    /// pictures. While autograd records (training) it is left unclamped: the clamp's zero gradient would strand every
    /// pixel pushed past 0 or 255, and a network can then stay stuck on a saturated patch or a flat picture.
    /// </summary>
    private static Tensor ToPixelRange(Tensor preTanh)
    {
        using var wide = preTanh.to(ScalarType.Float32);
        var squashed = wide.tanh(); // never in place: preTanh may be a kept activation
        if (!is_grad_enabled()) return squashed.mul_(TanhScale).add_(TanhOffset).clamp_(0, 255);
        using (squashed) return squashed.mul(TanhScale).add(TanhOffset);
    }

    /// <summary>
    /// Johnson et al.'s mapping X = floor(x·127.5 + 127.5) of x = tanh(y). The floor has no useful gradient, so while
    /// autograd records (training) the mapping stays continuous; inference floors to whole grey levels.
    /// </summary>
    private static Tensor ToPixelsJohnson(Tensor preTanh)
    {
        using var wide = preTanh.to(ScalarType.Float32);
        using var squashed = wide.tanh();
        var pixels = squashed.mul(127.5).add(127.5);
        if (is_grad_enabled()) return pixels;
        return pixels.floor_().clamp_(0, 255);
    }

    private static Tensor NormalizeConsuming(Module<Tensor, Tensor> norm, Tensor x)
    {
        using (x) return norm.forward(x);
    }

    private static Tensor CropConsuming(Tensor output, long height, long width)
    {
        using (output)
        using (var rows = output.narrow(2, 0, height))
        using (var crop = rows.narrow(3, 0, width))
            return crop.contiguous();
    }

    private Module<Tensor, Tensor> CreateNormalization(int channels) => Options.Normalization switch
    {
        FastNormalization.Instance => new AffineInstanceNorm(channels, Options.NormalizationEpsilon),
        FastNormalization.Batch => BatchNorm2d(channels, eps: Options.NormalizationEpsilon),
        _ => throw new NotSupportedException($"Normalisation {Options.Normalization} is not implemented."),
    };

    private Module<Tensor, Tensor> CreateResidualConvolution(int channels) => Options.ResidualConvolution switch
    {
        FastResidualConvolution.Full => new SamePaddingConv(channels, channels, kernel: 3, stride: 1),
        FastResidualConvolution.DepthwiseSeparable => new Lite.DepthwiseSeparableConv(channels, kernel: 3),
        _ => throw new NotSupportedException($"Residual convolution {Options.ResidualConvolution} is not implemented."),
    };

    private Module<Tensor, Tensor> CreateUpsampling(int inChannels, int outChannels) => Options.Upsampling switch
    {
        FastUpsampling.TransposedConvolution => new UpsampleConvTranspose(inChannels, outChannels, kernel: 3),
        FastUpsampling.ResizeConvolution => new UpsampleResizeConv(inChannels, outChannels, kernel: 3),
        _ => throw new NotSupportedException($"Up-sampling {Options.Upsampling} is not implemented."),
    };

    private T Register<T>(string name, T module) where T : Module
    {
        register_module(name, module);
        return module;
    }

    private Tensor ToParameterType(Tensor input) =>
        input.dtype == ParameterType ? input : input.to(ParameterType);

    private static void CheckInput(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 3)
            throw new ArgumentException($"Expected an RGB batch [N,3,H,W], got [{string.Join(",", input.shape)}].", nameof(input));
    }
}
