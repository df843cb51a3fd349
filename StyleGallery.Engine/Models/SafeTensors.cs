using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Models;

/// <summary>A weight file that is not a well-formed safetensors file.</summary>
public sealed class InvalidWeightsException(string message) : Exception(message);

/// <summary>One tensor's entry in a safetensors header; offsets are relative to the end of the header.</summary>
public sealed record SafeTensorEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// A strict reader and writer for the safetensors format (8-byte little-endian header length, JSON header,
/// raw little-endian data). F32, F16 and BF16 are read; everything is returned as float32 tensors.
/// </summary>
public sealed class SafeTensorsFile
{
    /// <summary>Headers larger than this are refused: real ones are a few kilobytes.</summary>
    public const long MaxHeaderBytes = 100 * 1024 * 1024;

    private static readonly Dictionary<string, int> ElementSizes = new() { ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2 };

    private readonly string? _path;
    private readonly byte[]? _bytes;
    private readonly long _dataStart;

    private SafeTensorsFile(string? path, byte[]? bytes, long dataStart, IReadOnlyList<SafeTensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        _path = path;
        _bytes = bytes;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    public IReadOnlyList<SafeTensorEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public SafeTensorEntry this[string name] =>
        Entries.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException($"The weights have no tensor named '{name}'.");

    public bool Contains(string name) => Entries.Any(e => e.Name == name);

    /// <summary>Reads and validates the header of a file; tensor data is read on demand.</summary>
    public static SafeTensorsFile Open(string path)
    {
        using var stream = File.OpenRead(path);
        var (headerLength, header) = ReadHeader(stream, stream.Length, path);
        var (entries, metadata) = ParseHeader(header, stream.Length - 8 - headerLength, path);
        return new SafeTensorsFile(path, null, 8 + headerLength, entries, metadata);
    }

    /// <summary>Parses a whole file held in memory.</summary>
    public static SafeTensorsFile Parse(byte[] bytes, string source = "<memory>")
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var (headerLength, header) = ReadHeader(stream, bytes.Length, source);
        var (entries, metadata) = ParseHeader(header, bytes.Length - 8 - headerLength, source);
        return new SafeTensorsFile(null, bytes, 8 + headerLength, entries, metadata);
    }

    /// <summary>Loads every tensor as float32 on the CPU.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var file = Open(path);
        return file.Entries.ToDictionary(e => e.Name, e => file.Read(e.Name));
    }

    /// <summary>Reads one tensor as a float32 CPU tensor of its declared shape.</summary>
    public Tensor Read(string name)
    {
        var entry = this[name];
        var raw = ReadRaw(entry);
        var floats = entry.DType switch
        {
            "F32" => MemoryMarshal.Cast<byte, float>(raw).ToArray(),
            "F16" => MemoryMarshal.Cast<byte, Half>(raw).ToArray().Select(h => (float)h).ToArray(),
            "BF16" => MemoryMarshal.Cast<byte, ushort>(raw).ToArray().Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray(),
            _ => throw new InvalidWeightsException($"Unsupported dtype {entry.DType}."),
        };
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian.");
        return tensor(floats, entry.Shape, ScalarType.Float32);
    }

    private byte[] ReadRaw(SafeTensorEntry entry)
    {
        var length = checked((int)(entry.End - entry.Begin));
        var buffer = new byte[length];
        if (_bytes is not null)
        {
            Array.Copy(_bytes, _dataStart + entry.Begin, buffer, 0, length);
            return buffer;
        }
        using var stream = File.OpenRead(_path!);
        stream.Position = _dataStart + entry.Begin;
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static (long Length, byte[] Header) ReadHeader(Stream stream, long fileLength, string source)
    {
        if (fileLength < 8) throw new InvalidWeightsException($"{source}: too short to be a safetensors file ({fileLength} bytes).");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength == 0 || headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new InvalidWeightsException($"{source}: header length {headerLength} does not fit the file ({fileLength} bytes).");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        return ((long)headerLength, header);
    }

    private static (List<SafeTensorEntry>, Dictionary<string, string>) ParseHeader(byte[] header, long dataLength, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new InvalidWeightsException($"{source}: the header is not valid JSON ({e.Message})."); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidWeightsException($"{source}: the header is not a JSON object.");
            var entries = new List<SafeTensorEntry>();
            var metadata = new Dictionary<string, string>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw new InvalidWeightsException($"{source}: __metadata__ must be an object of strings.");
                    foreach (var m in property.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText();
                    continue;
                }
                entries.Add(ParseEntry(property, dataLength, source));
            }
            CheckNoOverlap(entries, source);
            return (entries, metadata);
        }
    }

    private static SafeTensorEntry ParseEntry(JsonProperty property, long dataLength, string source)
    {
        var name = property.Name;
        var value = property.Value;
        string Fail(string why) => throw new InvalidWeightsException($"{source}: tensor '{name}': {why}.");
        if (value.ValueKind != JsonValueKind.Object) Fail("entry is not an object");
        if (!value.TryGetProperty("dtype", out var dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String) Fail("missing dtype");
        var dtype = dtypeEl.GetString()!;
        if (!ElementSizes.TryGetValue(dtype, out var elementSize)) Fail($"unsupported dtype {dtype} (F32, F16 and BF16 are supported)");
        if (!value.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array) Fail("missing shape");
        var shape = shapeEl.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var n) && n >= 0 ? n : -1).ToArray();
        if (shape.Any(d => d < 0)) Fail("shape must hold non-negative integers");
        if (!value.TryGetProperty("data_offsets", out var offsetsEl) || offsetsEl.ValueKind != JsonValueKind.Array || offsetsEl.GetArrayLength() != 2)
            Fail("data_offsets must be [begin, end]");
        var offsets = offsetsEl.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var n) ? n : -1).ToArray();
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin < 0 || end < begin || end > dataLength) Fail($"data_offsets [{begin}, {end}] lie outside the {dataLength} data bytes");
        var entry = new SafeTensorEntry(name, dtype, shape, begin, end);
        long expected;
        try { expected = checked(entry.ElementCount * elementSize); }
        catch (OverflowException) { expected = -1; }
        if (expected != end - begin) Fail($"shape [{string.Join(",", shape)}] of {dtype} needs {expected} bytes, offsets give {end - begin}");
        return entry;
    }

    private static void CheckNoOverlap(List<SafeTensorEntry> entries, string source)
    {
        var sorted = entries.Where(e => e.End > e.Begin).OrderBy(e => e.Begin).ToList();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Begin < sorted[i - 1].End)
                throw new InvalidWeightsException($"{source}: tensors '{sorted[i - 1].Name}' and '{sorted[i].Name}' overlap.");
    }

    /// <summary>Writes float32 tensors (in name order) with optional string metadata; atomic via a temporary file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 }) header["__metadata__"] = metadata;
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            using var f32 = t.detach().cpu().to(ScalarType.Float32).contiguous();
            var bytes = MemoryMarshal.AsBytes(f32.data<float>().ToArray().AsSpan()).ToArray();
            header[name] = new { dtype = "F32", shape = t.shape, data_offsets = new[] { offset, offset + bytes.Length } };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8; // data stays 8-byte aligned, as the reference writer does
        var headerBytes = new byte[padded];
        Array.Fill(headerBytes, (byte)' ');
        json.CopyTo(headerBytes, 0);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var stream = File.Create(temp))
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
            stream.Write(prefix);
            stream.Write(headerBytes);
            foreach (var blob in blobs) stream.Write(blob);
        }
        File.Move(temp, path, overwrite: true);
    }
}
