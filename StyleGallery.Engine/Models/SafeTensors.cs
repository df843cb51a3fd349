using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace StyleGallery.Engine.Models;

/// <summary>
/// A strict reader for the safetensors format (8-byte little-endian header length, JSON header, raw little-endian
/// data) and the entry point of its writer. F32, F16 and BF16 are read; everything is returned as float32 tensors.
/// </summary>
public sealed class SafeTensorsFile
{
    /// <summary>Headers larger than this are refused: real ones are a few kilobytes.</summary>
    public const long MaxHeaderBytes = SafeTensorsHeader.MaxHeaderBytes;

    private readonly string? _path;
    private readonly byte[]? _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorEntry> _byName;

    private SafeTensorsFile(string? path, byte[]? bytes, long dataStart, IReadOnlyList<SafeTensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian.");
        _path = path;
        _bytes = bytes;
        _dataStart = dataStart;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public SafeTensorEntry this[string name] =>
        _byName.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"The weights have no tensor named '{name}'.");

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Reads and validates the header of a file; tensor data is read on demand.</summary>
    public static SafeTensorsFile Open(string path)
    {
        using var stream = File.OpenRead(path);
        var header = SafeTensorsHeader.ReadBytes(stream, stream.Length, path);
        var (entries, metadata) = SafeTensorsHeader.Parse(header, stream.Length - 8 - header.Length, path);
        return new SafeTensorsFile(path, null, 8 + header.Length, entries, metadata);
    }

    /// <summary>Parses a whole file held in memory.</summary>
    public static SafeTensorsFile Parse(byte[] bytes, string source = "<memory>")
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var header = SafeTensorsHeader.ReadBytes(stream, bytes.Length, source);
        var (entries, metadata) = SafeTensorsHeader.Parse(header, bytes.Length - 8 - header.Length, source);
        return new SafeTensorsFile(null, bytes, 8 + header.Length, entries, metadata);
    }

    /// <summary>Loads every tensor as float32 on the CPU.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var file = Open(path);
        return file.Entries.ToDictionary(e => e.Name, e => file.Read(e.Name));
    }

    /// <summary>Writes float32 tensors (in ordinal name order) with optional string metadata; atomic via a temporary file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.Write(path, tensors, metadata);

    /// <summary>Reads one tensor as a float32 CPU tensor of its declared shape.</summary>
    public Tensor Read(string name)
    {
        var entry = this[name];
        return tensor(DecodeFloats(entry.DType, ReadRaw(entry)), entry.Shape, ScalarType.Float32);
    }

    /// <summary>Decodes little-endian F32, F16 or BF16 bytes (BF16 is the top half of a float32).</summary>
    internal static float[] DecodeFloats(string dtype, byte[] raw) => dtype switch
    {
        "F32" => MemoryMarshal.Cast<byte, float>(raw).ToArray(),
        "F16" => Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(raw).ToArray(), h => (float)h),
        "BF16" => Array.ConvertAll(MemoryMarshal.Cast<byte, ushort>(raw).ToArray(), b => BitConverter.Int32BitsToSingle(b << 16)),
        _ => throw new InvalidWeightsException($"Unsupported dtype {dtype}."),
    };

    private byte[] ReadRaw(SafeTensorEntry entry)
    {
        var buffer = new byte[checked((int)entry.ByteLength)];
        if (_bytes is not null)
        {
            Array.Copy(_bytes, _dataStart + entry.Begin, buffer, 0, buffer.Length);
            return buffer;
        }
        using var stream = File.OpenRead(_path!);
        if (stream.Length < _dataStart + entry.End)
            throw new InvalidWeightsException($"{_path}: the file shrank since it was opened.");
        stream.Position = _dataStart + entry.Begin;
        stream.ReadExactly(buffer);
        return buffer;
    }
}
