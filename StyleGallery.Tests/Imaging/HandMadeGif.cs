using System.Buffers.Binary;

namespace StyleGallery.Tests.Imaging;

/// <summary>
/// Writes animated GIFs with a 4-colour palette (Skia cannot write GIF). The LZW stream uses the classic
/// "uncompressed GIF" trick: a clear code after every two literals keeps the dictionary from growing,
/// so every code stays 3 bits wide and no real compressor is needed.
/// </summary>
internal static class HandMadeGif
{
    public static readonly (byte R, byte G, byte B)[] Palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)];

    private const int MinCodeSize = 2;
    private const int Clear = 1 << MinCodeSize;
    private const int EndOfInformation = Clear + 1;
    private const int CodeBits = MinCodeSize + 1;

    /// <summary>One frame per array of palette indices (row-major, <paramref name="width"/> × <paramref name="height"/>).</summary>
    public static byte[] Build(int width, int height, params byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteU16(gif, width);
        WriteU16(gif, height);
        gif.Write([0xF1, 0, 0]); // global palette of 2^(1+1) entries, 8-bit colour resolution; background 0; no aspect
        foreach (var (r, g, b) in Palette) gif.Write([r, g, b]);
        foreach (var frame in frames) WriteFrame(gif, width, height, frame);
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static void WriteFrame(Stream gif, int width, int height, byte[] indices)
    {
        gif.Write([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control: 0.1 s delay, no transparency
        gif.WriteByte(0x2C);
        WriteU16(gif, 0);
        WriteU16(gif, 0);
        WriteU16(gif, width);
        WriteU16(gif, height);
        gif.WriteByte(0); // no local palette, not interlaced
        gif.WriteByte(MinCodeSize);
        WriteSubBlocks(gif, PackCodes(Codes(indices)));
        gif.WriteByte(0);
    }

    private static IEnumerable<int> Codes(byte[] indices)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 2 == 0) yield return Clear;
            yield return indices[i];
        }
        yield return EndOfInformation;
    }

    private static byte[] PackCodes(IEnumerable<int> codes)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits; // GIF packs codes least-significant bit first
            bits += CodeBits;
            for (; bits >= 8; bits -= 8, buffer >>= 8) bytes.Add((byte)buffer);
        }
        if (bits > 0) bytes.Add((byte)buffer);
        return bytes.ToArray();
    }

    private static void WriteSubBlocks(Stream gif, byte[] data)
    {
        foreach (var block in data.Chunk(255))
        {
            gif.WriteByte((byte)block.Length);
            gif.Write(block);
        }
    }

    private static void WriteU16(Stream s, int value)
    {
        Span<byte> two = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(two, (ushort)value);
        s.Write(two);
    }
}
