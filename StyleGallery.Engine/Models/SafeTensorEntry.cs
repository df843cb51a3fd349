namespace StyleGallery.Engine.Models;

/// <summary>One tensor's entry in a safetensors header; offsets are relative to the end of the header.</summary>
public sealed record SafeTensorEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public long ByteLength => End - Begin;
}
