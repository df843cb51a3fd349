namespace StyleGallery.Engine.Models;

/// <summary>How a TensorFlow variable of the style network maps onto our tensor names.</summary>
/// <param name="TfShape">The variable's shape in TensorFlow: kernels [kh,kw,in,out], transposed kernels [kh,kw,out,in].</param>
public sealed record Ml5Variable(string VariableName, string TensorName, long[] TfShape)
{
    public bool IsKernel => TfShape.Length == 4;
}

/// <summary>
/// The variables of lengstrom/fast-style-transfer's TransformNet as ml5 stores them: TensorFlow created them in
/// graph order and named them <c>Variable</c>, <c>Variable_1</c> … <c>Variable_47</c>. Each conv layer owns three in
/// a row: the kernel, then its instance norm's shift (our <c>inN.bias</c>), then its scale (our <c>inN.weight</c>)
/// — ml5's StyleTransfer reads them as <c>getVariable(id)</c>, <c>id + 1</c> (shift) and <c>id + 2</c> (scale).
/// </summary>
public static class Ml5TransformerNetLayout
{
    public static IReadOnlyList<Ml5Variable> Variables { get; } = Build();

    private static List<Ml5Variable> Build()
    {
        var layers = new List<(string Conv, string Norm, long[] Kernel)>
        {
            ("conv1", "in1", [9, 9, 3, 32]),
            ("conv2", "in2", [3, 3, 32, 64]),
            ("conv3", "in3", [3, 3, 64, 128]),
        };
        for (var r = 1; r <= 5; r++)
        {
            layers.Add(($"res{r}.conv1", $"res{r}.in1", [3, 3, 128, 128]));
            layers.Add(($"res{r}.conv2", $"res{r}.in2", [3, 3, 128, 128]));
        }
        layers.Add(("deconv1", "in4", [3, 3, 64, 128])); // transposed: [kh,kw,out,in]
        layers.Add(("deconv2", "in5", [3, 3, 32, 64]));
        layers.Add(("conv4", "in6", [9, 9, 32, 3]));

        var variables = new List<Ml5Variable>();
        foreach (var (conv, norm, kernel) in layers)
        {
            var channels = new[] { OutputChannels(conv, kernel) };
            variables.Add(new(VariableName(variables.Count), conv + ".weight", kernel));
            variables.Add(new(VariableName(variables.Count), norm + ".bias", channels));
            variables.Add(new(VariableName(variables.Count), norm + ".weight", channels));
        }
        return variables;
    }

    private static long OutputChannels(string conv, long[] kernel) => conv.StartsWith("deconv", StringComparison.Ordinal) ? kernel[2] : kernel[3];

    /// <summary>TensorFlow's default names: the first variable is unnumbered.</summary>
    public static string VariableName(int index) => index == 0 ? "Variable" : $"Variable_{index}";
}
