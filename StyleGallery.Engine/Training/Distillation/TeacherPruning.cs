using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Training.Distillation;

/// <summary>
/// Starts a half-width student from its full-width teacher's own weights instead of random ones. Each layer keeps the
/// half of its channels that matter most to the network, scored as in network slimming (Liu et al. 2017, "Learning
/// Efficient Convolutional Networks through Network Slimming") by the magnitude of the channel's normalisation scale γ,
/// times how strongly the next convolution reads it (the norm of its weights on that channel, as in Li et al. 2017,
/// "Pruning Filters for Efficient ConvNets"). The residual stream's channels are chosen once for all blocks, since the
/// skip connections add them up. A full 3×3 residual convolution W becomes the depthwise-separable pair nearest to it:
/// per input channel i, W[:, i] (out × 9) is replaced by its best rank-1 approximation (SVD, Eckart–Young), a 3×3 filter
/// for the depthwise step and a column of the 1×1 step. Every convolution is followed by an instance norm, so dropping
/// half of a layer's inputs changes the scale of its output, not its normalised picture; the distillation mends the rest.
/// </summary>
public static class TeacherPruning
{
    /// <summary>Whether <paramref name="student"/> is <paramref name="teacher"/> at half width with depthwise-separable blocks.</summary>
    public static bool CanPrune(TransformerNetOptions teacher, TransformerNetOptions student) =>
        teacher.Width == FastWidth.Full && teacher.ResidualConvolution == FastResidualConvolution.Full && teacher.Normalization == FastNormalization.Instance
        && student == teacher with { Width = FastWidth.Half, ResidualConvolution = FastResidualConvolution.DepthwiseSeparable };

    /// <summary>
    /// Overwrites every parameter of <paramref name="student"/> with the pruned teacher's. Returns, for each stage of
    /// <see cref="TransformerNet.ForwardWithActivations"/> up to the decoder's last, the teacher's channels the student's
    /// channels of that stage stand for (int64 indices, disposed by the caller).
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> Initialise(TransformerNet student, TransformerNet teacher)
    {
        if (!CanPrune(teacher.Options, student.Options))
            throw new ArgumentException("The student is not its teacher at half width with depthwise-separable residual blocks.", nameof(student));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var t = teacher.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().to(ScalarType.Float32));
        var blocks = teacher.Options.ResidualBlocks;
        var transposed = teacher.Options.Upsampling == FastUpsampling.TransposedConvolution;
        Tensor Up(int k) => t[transposed ? $"deconv{k}.weight" : $"deconv{k}.conv.weight"];
        Tensor UpReads(int k) => transposed ? Up(k) : Up(k).transpose(0, 1); // [in, out, k, k]

        var g1 = Keep(Importance(t["in1.weight"], t["conv2.weight"].transpose(0, 1)));
        var g2 = Keep(Importance(t["in2.weight"], t["conv3.weight"].transpose(0, 1)));
        var written = t["in3.weight"].abs();
        var read = RowNorms(UpReads(1));
        for (var k = 1; k <= blocks; k++)
        {
            written = written + t[$"res{k}.in2.weight"].abs();
            read = read + RowNorms(t[$"res{k}.conv1.weight"].transpose(0, 1));
        }
        var stream = Keep(written * read);
        var g4 = Keep(Importance(t["in4.weight"], UpReads(2)));
        var g5 = Keep(Importance(t["in5.weight"], t["conv4.weight"].transpose(0, 1)));
        var rgb = arange(3, dtype: ScalarType.Int64);

        var s = new Dictionary<string, Tensor>
        {
            ["conv1.weight"] = Select(t["conv1.weight"], g1, rgb),
            ["conv2.weight"] = Select(t["conv2.weight"], g2, g1),
            ["conv3.weight"] = Select(t["conv3.weight"], stream, g2),
            ["conv4.weight"] = Select(t["conv4.weight"], rgb, g5),
        };
        s[transposed ? "deconv1.weight" : "deconv1.conv.weight"] = transposed ? Select(Up(1), stream, g4) : Select(Up(1), g4, stream);
        s[transposed ? "deconv2.weight" : "deconv2.conv.weight"] = transposed ? Select(Up(2), g4, g5) : Select(Up(2), g5, g4);
        foreach (var (norm, channels) in new[] { ("in1", g1), ("in2", g2), ("in3", stream), ("in4", g4), ("in5", g5), ("in6", rgb) })
            SelectNorm(t, s, norm, channels);
        if (t.TryGetValue("conv4.bias", out var bias)) s["conv4.bias"] = bias;
        for (var k = 1; k <= blocks; k++)
        {
            var inner = Keep(Importance(t[$"res{k}.in1.weight"], t[$"res{k}.conv2.weight"].transpose(0, 1)));
            Separate(s, $"res{k}.conv1", Select(t[$"res{k}.conv1.weight"], inner, stream));
            Separate(s, $"res{k}.conv2", Select(t[$"res{k}.conv2.weight"], stream, inner));
            SelectNorm(t, s, $"res{k}.in1", inner);
            SelectNorm(t, s, $"res{k}.in2", stream);
        }

        foreach (var (name, parameter) in student.named_parameters())
        {
            if (!s.TryGetValue(name, out var value)) throw new InvalidOperationException($"No pruned weights for the student's {name}.");
            parameter.copy_(value.to(parameter.dtype).reshape(parameter.shape));
        }
        var kept = new Dictionary<string, Tensor>
        {
            ["after_conv1_in1_relu"] = g1,
            ["after_conv2_in2_relu"] = g2,
            ["after_conv3_in3_relu"] = stream,
            ["after_deconv1_in4_relu"] = g4,
            ["after_deconv2_in5_relu"] = g5,
        };
        for (var k = 1; k <= blocks; k++) kept[$"after_res{k}"] = stream;
        return kept.ToDictionary(p => p.Key, p => p.Value.clone().MoveToOuterDisposeScope());
    }

    /// <summary>|γ_c| · ‖the next layer's weights reading channel c‖ (<paramref name="reads"/> is [channels, …]).</summary>
    private static Tensor Importance(Tensor gamma, Tensor reads) => gamma.abs() * RowNorms(reads);

    private static Tensor RowNorms(Tensor weights) => weights.reshape(weights.shape[0], -1).norm(1, keepdim: false, p: 2);

    /// <summary>The indices of the larger half of <paramref name="scores"/>, in channel order.</summary>
    private static Tensor Keep(Tensor scores) => scores.topk((int)(scores.shape[0] / 2)).indexes.sort().Values;

    private static Tensor Select(Tensor weight, Tensor rows, Tensor columns) => weight.index_select(0, rows).index_select(1, columns);

    private static void SelectNorm(Dictionary<string, Tensor> teacher, Dictionary<string, Tensor> student, string norm, Tensor channels)
    {
        student[$"{norm}.weight"] = teacher[$"{norm}.weight"].index_select(0, channels);
        student[$"{norm}.bias"] = teacher[$"{norm}.bias"].index_select(0, channels);
    }

    /// <summary>The depthwise 3×3 and pointwise 1×1 whose product is nearest to <paramref name="weight"/> [out, in, k, k].</summary>
    private static void Separate(Dictionary<string, Tensor> student, string conv, Tensor weight)
    {
        var (outputs, inputs, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2]);
        var perInput = weight.permute(1, 0, 2, 3).reshape(inputs, outputs, kernel * kernel);
        var (u, sigma, vh) = linalg.svd(perInput, fullMatrices: false);
        var root = sigma.narrow(1, 0, 1).sqrt(); // [in, 1]
        student[$"{conv}.depthwise"] = (vh.narrow(1, 0, 1).squeeze(1) * root).reshape(inputs, 1, kernel, kernel);
        student[$"{conv}.pointwise"] = (u.narrow(2, 0, 1).squeeze(2) * root).transpose(0, 1).reshape(outputs, inputs, 1, 1);
    }
}
