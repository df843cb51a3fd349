using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

/// <summary>Writes PNG files chunk by chunk, so a test can declare any size it likes in the IHDR.</summary>
internal static class HandMadePng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// An 8-bit RGB PNG whose header claims <paramref name="width"/> × <paramref name="height"/> but whose
    /// IDAT holds just one blank row: a few hundred bytes that would need gigabytes once decoded.
    /// </summary>
    public static byte[] Bomb(int width, int height)
    {
        var oneRow = new byte[1 + width * 3];
        return Build(width, height, Deflate(oneRow));
    }

    public static byte[] Build(int width, int height, byte[] compressedScanlines)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Ihdr(width, height));
        WriteChunk(png, "IDAT", compressedScanlines);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Ihdr(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bits per sample
        ihdr[9] = 2; // colour type: RGB; compression, filter and interlace stay 0
        return ihdr;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Of(typeAndData));
        png.Write(word);
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize)) zlib.Write(raw);
        return compressed.ToArray();
    }
}
