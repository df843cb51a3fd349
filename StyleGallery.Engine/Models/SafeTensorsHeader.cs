using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace StyleGallery.Engine.Models;

/// <summary>
/// Reads and validates a safetensors header the way the reference implementation does: every tensor's bytes must
/// match its dtype and shape, and the tensors must tile the data section exactly (no gaps, no overlaps, no tail).
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>Headers larger than this are refused: real ones are a few kilobytes.</summary>
    public const long MaxHeaderBytes = 100 * 1024 * 1024;

    public const string MetadataKey = "__metadata__";

    public static readonly IReadOnlyDictionary<string, int> ElementSizes = new Dictionary<string, int> { ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2 };

    /// <summary>Reads the 8-byte length prefix and the header bytes; the stream must be at its start.</summary>
    public static byte[] ReadBytes(Stream stream, long fileLength, string source)
    {
        if (fileLength < 8) throw new InvalidWeightsException($"{source}: too short to be a safetensors file ({fileLength} bytes).");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength < 2 || headerLength > MaxHeaderBytes || headerLength > (ulong)(fileLength - 8))
            throw new InvalidWeightsException($"{source}: header length {headerLength} does not fit the file ({fileLength} bytes).");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        return header;
    }

    public static (List<SafeTensorEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] header, long dataLength, string source)
    {
        using var doc = ParseJson(header, source);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidWeightsException($"{source}: the header is not a JSON object.");
        var entries = new List<SafeTensorEntry>();
        var metadata = new Dictionary<string, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw new InvalidWeightsException($"{source}: the header names '{property.Name}' twice.");
            if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, source);
            else entries.Add(ParseEntry(property, dataLength, source));
        }
        CheckTiling(entries, dataLength, source);
        return (entries, metadata);
    }

    private static JsonDocument ParseJson(byte[] header, string source)
    {
        try { return JsonDocument.Parse(header); }
        catch (JsonException e) { throw new InvalidWeightsException($"{source}: the header is not valid JSON ({e.Message})."); }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new InvalidWeightsException($"{source}: {MetadataKey} must be an object of strings.");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String) throw new InvalidWeightsException($"{source}: {MetadataKey} value '{m.Name}' is not a string.");
            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafeTensorEntry ParseEntry(JsonProperty property, long dataLength, string source)
    {
        var name = property.Name;
        var value = property.Value;
        InvalidWeightsException Bad(string why) => new($"{source}: tensor '{name}': {why}.");
        if (value.ValueKind != JsonValueKind.Object) throw Bad("entry is not an object");
        if (!value.TryGetProperty("dtype", out var dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String) throw Bad("missing dtype");
        var dtype = dtypeEl.GetString()!;
        if (!ElementSizes.TryGetValue(dtype, out var elementSize)) throw Bad($"unsupported dtype {dtype} (F32, F16 and BF16 are supported)");
        var shape = ReadIntegers(value, "shape", count: null) ?? throw Bad("shape must be an array of non-negative integers");
        var offsets = ReadIntegers(value, "data_offsets", count: 2) ?? throw Bad("data_offsets must be [begin, end] with non-negative integers");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin || end > dataLength) throw Bad($"data_offsets [{begin}, {end}] lie outside the {dataLength} data bytes");
        var entry = new SafeTensorEntry(name, dtype, shape, begin, end);
        var expected = ExpectedBytes(shape, elementSize);
        if (expected != entry.ByteLength)
            throw Bad($"shape [{string.Join(",", shape)}] of {dtype} needs {(expected < 0 ? "too many" : expected.ToString(CultureInfo.CurrentCulture))} bytes, data_offsets give {entry.ByteLength}");
        return entry;
    }

    /// <summary>The integers of an array property, or null when it is missing, has the wrong length or holds anything else.</summary>
    private static long[]? ReadIntegers(JsonElement value, string property, int? count)
    {
        if (!value.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array) return null;
        if (count is { } n && array.GetArrayLength() != n) return null;
        var numbers = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var number) || number < 0) return null;
            numbers.Add(number);
        }
        return numbers.ToArray();
    }

    /// <summary>Bytes the shape needs, or -1 when that overflows.</summary>
    private static long ExpectedBytes(long[] shape, int elementSize)
    {
        try { return checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * elementSize); }
        catch (OverflowException) { return -1; }
    }

    private static void CheckTiling(List<SafeTensorEntry> entries, long dataLength, string source)
    {
        long expectedBegin = 0;
        SafeTensorEntry? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin < expectedBegin)
                throw new InvalidWeightsException($"{source}: tensors '{previous!.Name}' and '{entry.Name}' overlap.");
            if (entry.Begin > expectedBegin)
                throw new InvalidWeightsException($"{source}: {entry.Begin - expectedBegin} unused bytes before tensor '{entry.Name}'.");
            expectedBegin = entry.End;
            previous = entry;
        }
        if (expectedBegin != dataLength)
            throw new InvalidWeightsException($"{source}: the tensors cover {expectedBegin} of the {dataLength} data bytes.");
    }
}
