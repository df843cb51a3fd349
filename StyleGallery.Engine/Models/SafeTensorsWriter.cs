using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Models;

/// <summary>Writes float32 safetensors files: tensors in ordinal name order, metadata first, data 8-byte aligned.</summary>
internal static class SafeTensorsWriter
{
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        if (tensors.ContainsKey(SafeTensorsHeader.MetadataKey))
            throw new ArgumentException($"A tensor may not be named {SafeTensorsHeader.MetadataKey}.", nameof(tensors));
        var (header, blobs) = Layout(tensors, metadata);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            WriteFile(temp, header, blobs);
            File.Move(temp, path, overwrite: true); // readers never see a half-written file
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static (byte[] Header, List<byte[]> Blobs) Layout(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 }) header[SafeTensorsHeader.MetadataKey] = metadata;
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var bytes = Float32Bytes(t);
            header[name] = new { dtype = "F32", shape = t.shape, data_offsets = new[] { offset, offset + bytes.Length } };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        return (PaddedJson(header), blobs);
    }

    private static byte[] Float32Bytes(Tensor t)
    {
        using var f32 = t.detach().cpu().to(ScalarType.Float32).contiguous();
        return MemoryMarshal.AsBytes(f32.data<float>().ToArray().AsSpan()).ToArray();
    }

    /// <summary>The header JSON padded with spaces so the data starts 8-byte aligned, as the reference writer does.</summary>
    private static byte[] PaddedJson(Dictionary<string, object> header)
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = new byte[(json.Length + 7) / 8 * 8];
        Array.Fill(padded, (byte)' ');
        json.CopyTo(padded, 0);
        return padded;
    }

    private static void WriteFile(string path, byte[] header, List<byte[]> blobs)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var blob in blobs) stream.Write(blob);
    }
}
