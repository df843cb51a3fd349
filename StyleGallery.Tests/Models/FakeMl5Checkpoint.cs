using System.Runtime.InteropServices;
using System.Text.Json;
using StyleGallery.Engine.Models;

namespace StyleGallery.Tests.Models;

/// <summary>
/// Writes an ml5 style-transfer checkpoint folder from one of our safetensors files, undoing our layout by hand
/// (plain index loops, no torch) so the importer is checked against an independent inverse.
/// </summary>
internal static class FakeMl5Checkpoint
{
    /// <summary>Our tensor names in TensorFlow's creation order: per conv layer the kernel, the norm's shift, then its scale.</summary>
    public static IReadOnlyList<string> TensorNamesInVariableOrder()
    {
        var convs = new List<(string Conv, string Norm)> { ("conv1", "in1"), ("conv2", "in2"), ("conv3", "in3") };
        for (var r = 1; r <= 5; r++) convs.AddRange([($"res{r}.conv1", $"res{r}.in1"), ($"res{r}.conv2", $"res{r}.in2")]);
        convs.AddRange([("deconv1", "in4"), ("deconv2", "in5"), ("conv4", "in6")]);
        return convs.SelectMany(c => new[] { c.Conv + ".weight", c.Norm + ".bias", c.Norm + ".weight" }).ToList();
    }

    public static string VariableName(int index) => index == 0 ? "Variable" : "Variable_" + index;

    /// <summary>Writes manifest.json and one raw float32 file per variable; returns the folder.</summary>
    public static string WriteFrom(string safetensorsPath, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = SafeTensorsFile.Open(safetensorsPath);
        var bytes = File.ReadAllBytes(safetensorsPath);
        var dataStart = bytes.Length - file.Entries.Max(e => e.End);
        var manifest = new Dictionary<string, object>();
        var names = TensorNamesInVariableOrder();
        for (var i = 0; i < names.Count; i++)
        {
            var entry = file[names[i]];
            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)(dataStart + entry.Begin), (int)entry.ByteLength)).ToArray();
            var (tfValues, tfShape) = entry.Shape.Length == 4 ? ToTensorFlowKernel(values, entry.Shape) : (values, entry.Shape);
            var variable = VariableName(i);
            File.WriteAllBytes(Path.Combine(folder, variable), MemoryMarshal.AsBytes(tfValues.AsSpan()).ToArray());
            manifest[variable] = new { filename = variable, shape = tfShape };
        }
        manifest["Variable_10_Adam"] = new { filename = "Variable_10_Adam", shape = new[] { 1 } }; // optimiser state: ignored
        File.WriteAllBytes(Path.Combine(folder, "Variable_10_Adam"), new byte[4]);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest));
        return folder;
    }

    /// <summary>
    /// Ours [a,b,kh,kw] (a,b = out,in for a conv, in,out for a transposed conv) to TensorFlow's [kh,kw,b,a]:
    /// kernels [kh,kw,in,out] and transposed kernels [kh,kw,out,in].
    /// </summary>
    public static (float[] Values, long[] Shape) ToTensorFlowKernel(float[] ours, long[] shape)
    {
        var (a, b, kh, kw) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        var tf = new float[ours.Length];
        for (var ia = 0; ia < a; ia++)
            for (var ib = 0; ib < b; ib++)
                for (var h = 0; h < kh; h++)
                    for (var w = 0; w < kw; w++)
                        tf[((h * kw + w) * b + ib) * a + ia] = ours[((ia * b + ib) * kh + h) * kw + w];
        return (tf, [kh, kw, b, a]);
    }
}
