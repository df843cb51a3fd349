using System.Buffers.Binary;
using System.IO.Compression;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Writes an 8-bit RGB PNG one row at a time, so a poster is encoded with a row or two of memory besides the picture
/// (Skia's encoder wants the whole picture as RGBA). Each row gets the filter with the smallest sum of absolute values,
/// the heuristic the PNG specification recommends (and libpng uses); deflate at .NET's "optimal" level (zlib's 6).
/// </summary>
public static class PngStreamWriter
{
    private const int BytesPerPixel = 3;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(RgbImage image, Stream output)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Signature);
        WriteChunk(output, "IHDR", Header(image.Width, image.Height));
        using (var chunks = new IdatChunks(output))
        using (var deflate = new ZLibStream(chunks, CompressionLevel.Optimal, leaveOpen: true))
            WriteRows(image, deflate);
        WriteChunk(output, "IEND", []);
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        return header;
    }

    private static void WriteRows(RgbImage image, Stream deflate)
    {
        var rowBytes = image.Width * BytesPerPixel;
        var candidates = new byte[5][];
        for (var f = 0; f < 5; f++) candidates[f] = new byte[rowBytes + 1];
        var zero = new byte[rowBytes];
        for (var y = 0; y < image.Height; y++)
        {
            var row = image.Pixels.AsSpan(y * rowBytes, rowBytes);
            var above = y == 0 ? zero : image.Pixels.AsSpan((y - 1) * rowBytes, rowBytes);
            deflate.Write(Filtered(row, above, candidates));
        }
    }

    /// <summary>The row with the filter type byte in front, under the filter that leaves the smallest absolute sum.</summary>
    private static byte[] Filtered(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, byte[][] candidates)
    {
        var best = 0;
        var bestSum = long.MaxValue;
        for (var filter = 0; filter < 5; filter++)
        {
            var target = candidates[filter];
            target[0] = (byte)filter;
            long sum = 0;
            for (var i = 0; i < row.Length; i++)
            {
                var left = i >= BytesPerPixel ? row[i - BytesPerPixel] : 0;
                var upLeft = i >= BytesPerPixel ? above[i - BytesPerPixel] : 0;
                var value = (byte)(row[i] - Predict(filter, left, above[i], upLeft));
                target[i + 1] = value;
                sum += value < 128 ? value : 256 - value;
            }
            if (sum < bestSum) (best, bestSum) = (filter, sum);
        }
        return candidates[best];
    }

    private static int Predict(int filter, int left, int up, int upLeft) => filter switch
    {
        0 => 0,
        1 => left,
        2 => up,
        3 => (left + up) >> 1,
        _ => Paeth(left, up, upLeft),
    };

    private static int Paeth(int a, int b, int c)
    {
        int pa = Math.Abs(b - c), pb = Math.Abs(a - c), pc = Math.Abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed.AsSpan(4));
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Of(typed));
        output.Write(word);
    }

    /// <summary>Cuts the deflate stream into IDAT chunks of up to 256 KB as it comes.</summary>
    private sealed class IdatChunks(Stream output) : Stream
    {
        private const int ChunkBytes = 256 * 1024;
        private readonly byte[] _buffer = new byte[ChunkBytes];
        private int _filled;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var n = Math.Min(buffer.Length, ChunkBytes - _filled);
                buffer[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                buffer = buffer[n..];
                if (_filled == ChunkBytes) Flush();
            }
        }

        public override void Flush()
        {
            if (_filled == 0) return;
            WriteChunk(output, "IDAT", _buffer.AsSpan(0, _filled));
            _filled = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Flush();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
