using System.Buffers.Binary;
using System.Text;

namespace StyleGallery.Tests.Models;

/// <summary>Builds safetensors files byte by byte, so tests control every field (including wrong ones).</summary>
internal static class SafeTensorsBytes
{
    /// <summary>8-byte little-endian length (the real one unless overridden), the header text, then the data.</summary>
    public static byte[] Build(string headerJson, byte[] data, ulong? declaredHeaderLength = null)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    public static byte[] UInt16s(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return bytes;
    }

    /// <summary>A header with one tensor; <paramref name="rest"/> is spliced in verbatim after it (more tensors, metadata).</summary>
    public static string Header(string name, string dtype, string shape, long begin, long end, string rest = "") =>
        $$"""{"{{name}}":{"dtype":"{{dtype}}","shape":{{shape}},"data_offsets":[{{begin}},{{end}}]}{{rest}}}""";
}
