using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Models;

/// <summary>
/// Converts an ml5 style-transfer checkpoint (a folder or http(s) URL holding <c>manifest.json</c> and one raw
/// little-endian float32 file per TensorFlow variable) into a safetensors file in our TransformerNet layout.
/// TensorFlow kernels [kh,kw,in,out] become [out,in,kh,kw]; transposed kernels [kh,kw,out,in] become PyTorch's
/// ConvTranspose2d layout [in,out,kh,kw]; both are the same axis permutation (3,2,0,1). No values change.
/// </summary>
public sealed class Ml5CheckpointImporter(HttpClient? http = null)
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// The metadata the installer writes into a converted file. It depends only on its arguments, so converting
    /// the same checkpoint always yields the same bytes and the catalogue can pin their SHA-256.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MetadataFor(string modelId, string sourceUrl) => new Dictionary<string, string>
    {
        ["model"] = modelId,
        ["source"] = sourceUrl,
        ["format"] = "lengstrom/fast-style-transfer TransformNet converted from an ml5 checkpoint, float32",
        ["layout"] = "conv [out,in,kh,kw]; transposed conv [in,out,kh,kw]; instance norm inN.weight (scale), inN.bias (shift)",
        ["input"] = "RGB 0..255, no mean subtraction",
    };

    /// <summary>Reads the checkpoint at <paramref name="folderOrUrl"/> and writes <paramref name="destinationPath"/> atomically.</summary>
    public async Task ImportAsync(string folderOrUrl, string destinationPath, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken ct = default)
    {
        var location = new CheckpointLocation(folderOrUrl, http);
        var manifest = Ml5Manifest.Parse(await location.ReadTextAsync(ManifestFileName, ct));
        var raw = new Dictionary<Ml5Variable, float[]>();
        foreach (var variable in Ml5TransformerNetLayout.Variables)
            raw[variable] = await ReadVariableAsync(location, manifest, variable, ct);
        // Torch work stays synchronous: dispose scopes are per thread and an await may resume elsewhere.
        WriteSafetensors(raw, destinationPath, metadata);
    }

    private static async Task<float[]> ReadVariableAsync(CheckpointLocation location, Ml5Manifest manifest, Ml5Variable variable, CancellationToken ct)
    {
        var entry = manifest[variable.VariableName];
        if (!entry.Shape.SequenceEqual(variable.TfShape))
            throw new InvalidWeightsException(
                $"ml5 variable '{variable.VariableName}' ({variable.TensorName}) has shape [{string.Join(",", entry.Shape)}], expected [{string.Join(",", variable.TfShape)}].");
        var bytes = await location.ReadBytesAsync(entry.FileName, ct);
        if (bytes.Length != entry.ByteLength)
            throw new InvalidWeightsException($"ml5 variable file '{entry.FileName}' holds {bytes.Length} bytes, its shape needs {entry.ByteLength}.");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static void WriteSafetensors(Dictionary<Ml5Variable, float[]> raw, string destinationPath, IReadOnlyDictionary<string, string>? metadata)
    {
        using var scope = NewDisposeScope();
        var tensors = raw.ToDictionary(p => p.Key.TensorName, p => ToOurLayout(p.Key, p.Value));
        SafeTensorsFile.Save(destinationPath, tensors, metadata);
    }

    private static Tensor ToOurLayout(Ml5Variable variable, float[] values)
    {
        var tf = tensor(values, variable.TfShape, ScalarType.Float32);
        return variable.IsKernel ? tf.permute(3, 2, 0, 1).contiguous() : tf;
    }

    /// <summary>A checkpoint folder on disk or behind an http(s) URL.</summary>
    private sealed class CheckpointLocation(string folderOrUrl, HttpClient? http)
    {
        private readonly Uri? _url = Uri.TryCreate(folderOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(folderOrUrl.EndsWith('/') ? folderOrUrl : folderOrUrl + "/")
            : null;

        public async Task<string> ReadTextAsync(string name, CancellationToken ct) =>
            System.Text.Encoding.UTF8.GetString(await ReadBytesAsync(name, ct));

        public async Task<byte[]> ReadBytesAsync(string name, CancellationToken ct)
        {
            if (_url is null) return await File.ReadAllBytesAsync(Path.Combine(folderOrUrl, name), ct);
            var client = http ?? throw new InvalidOperationException("Importing from a URL needs an HttpClient.");
            return await client.GetByteArrayAsync(new Uri(_url, name), ct);
        }
    }
}
