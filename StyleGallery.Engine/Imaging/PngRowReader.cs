using System.Buffers.Binary;
using System.IO.Compression;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Reads a PNG one row at a time as unpremultiplied RGBA, so a picture can be reduced while it streams and its full size
/// never exists in memory (Skia's PNG codec decodes whole pictures only). It takes only what Skia would decode without a
/// colour conversion: not interlaced, and no ICC profile, gamma or chromaticities unless an sRGB chunk says the pixels
/// are sRGB. Anything else, and anything it does not understand, <see cref="TryOpen"/> leaves to Skia.
/// </summary>
internal sealed class PngRowReader : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ZLibStream _inflater;
    private readonly int _depth;
    private readonly int _colorType;
    private readonly int _filterStep;
    private byte[] _previous;
    private byte[] _current;
    private readonly byte[]? _palette;
    private readonly int[]? _transparentKey;
    private int _rowsRead;

    private PngRowReader(byte[] data, int idatStart, Header header, byte[]? palette, int[]? transparentKey)
    {
        (Width, Height, _depth, _colorType) = (header.Width, header.Height, header.Depth, header.ColorType);
        var bitsPerPixel = header.Depth * Channels(header.ColorType);
        _filterStep = Math.Max(1, bitsPerPixel / 8);
        var rowBytes = checked((int)(((long)Width * bitsPerPixel + 7) / 8));
        _previous = new byte[rowBytes + 1];
        _current = new byte[rowBytes + 1];
        _palette = palette;
        _transparentKey = transparentKey;
        _inflater = new ZLibStream(new IdatStream(data, idatStart), CompressionMode.Decompress);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>A reader positioned at the first row, or null when this PNG is one to leave to Skia.</summary>
    public static PngRowReader? TryOpen(byte[] data)
    {
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature)) return null;
        Header? header = null;
        byte[]? palette = null;
        byte[]? transparency = null;
        bool srgb = false, otherColourSpace = false;
        for (var position = 8; Chunk.At(data, position) is { } chunk; position = chunk.Next)
        {
            if (!chunk.HasValidCrc(data)) return null;
            var body = data.AsSpan(chunk.DataStart, chunk.Length);
            switch (chunk.Type)
            {
                case "IHDR" when header is null && chunk.Length == 13:
                    header = Header.Parse(body);
                    if (header is null) return null;
                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    transparency = body.ToArray();
                    break;
                case "sRGB":
                    srgb = true;
                    break;
                case "iCCP":
                case "cICP":
                    return null;
                case "gAMA":
                case "cHRM":
                    otherColourSpace = true;
                    break;
                case "IDAT" when header is not null:
                    if (otherColourSpace && !srgb) return null;
                    return Open(data, position, header, palette, transparency);
                case "IDAT" or "IEND" or "IHDR":
                    return null;
            }
        }
        return null;
    }

    private static PngRowReader? Open(byte[] data, int idatStart, Header header, byte[]? plte, byte[]? trns)
    {
        if (header.ColorType == 3 && (plte is null || plte.Length % 3 != 0)) return null;
        var palette = header.ColorType == 3 ? PaletteOf(plte!, trns) : null;
        int[]? key = null;
        if (trns is not null && header.ColorType is 0 or 2)
        {
            var samples = header.ColorType == 0 ? 1 : 3;
            if (trns.Length < 2 * samples) return null;
            key = new int[samples];
            for (var i = 0; i < samples; i++) key[i] = BinaryPrimitives.ReadUInt16BigEndian(trns.AsSpan(2 * i));
        }
        return new PngRowReader(data, idatStart, header, palette, key);
    }

    /// <summary>256 RGBA entries; indices past the palette are opaque black.</summary>
    private static byte[] PaletteOf(byte[] plte, byte[]? trns)
    {
        var palette = new byte[256 * 4];
        for (var i = 0; i < 256; i++) palette[i * 4 + 3] = 255;
        for (var i = 0; i < Math.Min(256, plte.Length / 3); i++)
        {
            palette[i * 4] = plte[i * 3];
            palette[i * 4 + 1] = plte[i * 3 + 1];
            palette[i * 4 + 2] = plte[i * 3 + 2];
            if (trns is not null && i < trns.Length) palette[i * 4 + 3] = trns[i];
        }
        return palette;
    }

    /// <summary>The next row, as 4 bytes a pixel.</summary>
    /// <exception cref="ImageDecodeException">The data ends early or is damaged.</exception>
    public void ReadRow(Span<byte> rgba)
    {
        if (_rowsRead >= Height) throw new InvalidOperationException("Every row has been read.");
        try
        {
            _inflater.ReadExactly(_current);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw DecodeErrors.Corrupt(ImageFormat.Png);
        }
        Unfilter(_current, _previous, _filterStep);
        Expand(_current.AsSpan(1), rgba[..(Width * 4)]);
        (_previous, _current) = (_current, _previous);
        _rowsRead++;
    }

    private static void Unfilter(byte[] row, byte[] previous, int step)
    {
        var x = row.AsSpan(1);
        var p = previous.AsSpan(1);
        switch (row[0])
        {
            case 0:
                break;
            case 1:
                for (var i = step; i < x.Length; i++) x[i] += x[i - step];
                break;
            case 2:
                for (var i = 0; i < x.Length; i++) x[i] += p[i];
                break;
            case 3:
                for (var i = 0; i < x.Length; i++) x[i] += (byte)(((i >= step ? x[i - step] : 0) + p[i]) >> 1);
                break;
            case 4:
                for (var i = 0; i < x.Length; i++)
                    x[i] += i >= step ? Paeth(x[i - step], p[i], p[i - step]) : p[i];
                break;
            default:
                throw DecodeErrors.Corrupt(ImageFormat.Png);
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int pa = Math.Abs(b - c), pb = Math.Abs(a - c), pc = Math.Abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private void Expand(ReadOnlySpan<byte> raw, Span<byte> rgba)
    {
        var wide = _depth == 16;
        for (int x = 0, t = 0; x < Width; x++, t += 4)
        {
            switch (_colorType)
            {
                case 0:
                    var grey = Sample(raw, x);
                    rgba[t] = rgba[t + 1] = rgba[t + 2] = ToByte(grey, _depth);
                    rgba[t + 3] = _transparentKey is { } k && k[0] == grey ? (byte)0 : (byte)255;
                    break;
                case 2:
                    int r = wide ? Wide(raw, x * 3) : raw[x * 3], g = wide ? Wide(raw, x * 3 + 1) : raw[x * 3 + 1], b = wide ? Wide(raw, x * 3 + 2) : raw[x * 3 + 2];
                    (rgba[t], rgba[t + 1], rgba[t + 2]) = (ToByte(r, _depth), ToByte(g, _depth), ToByte(b, _depth));
                    rgba[t + 3] = _transparentKey is { } rgbKey && rgbKey[0] == r && rgbKey[1] == g && rgbKey[2] == b ? (byte)0 : (byte)255;
                    break;
                case 3:
                    _palette.AsSpan(Sample(raw, x) * 4, 4).CopyTo(rgba[t..]);
                    break;
                case 4:
                    var luma = ToByte(wide ? Wide(raw, x * 2) : raw[x * 2], _depth);
                    rgba[t] = rgba[t + 1] = rgba[t + 2] = luma;
                    rgba[t + 3] = ToByte(wide ? Wide(raw, x * 2 + 1) : raw[x * 2 + 1], _depth);
                    break;
                default:
                    for (var c = 0; c < 4; c++) rgba[t + c] = ToByte(wide ? Wide(raw, x * 4 + c) : raw[x * 4 + c], _depth);
                    break;
            }
        }
    }

    /// <summary>Sample <paramref name="x"/> of a one-sample-a-pixel row (grey or palette) at any depth.</summary>
    private int Sample(ReadOnlySpan<byte> raw, int x)
    {
        if (_depth == 8) return raw[x];
        if (_depth == 16) return Wide(raw, x);
        var bit = x * _depth;
        return (raw[bit >> 3] >> (8 - _depth - (bit & 7))) & ((1 << _depth) - 1);
    }

    private static int Wide(ReadOnlySpan<byte> raw, int sample) => BinaryPrimitives.ReadUInt16BigEndian(raw[(sample * 2)..]);

    private static byte ToByte(int value, int depth) => depth switch
    {
        8 => (byte)value,
        16 => (byte)((value * 255 + 32767) / 65535),
        _ => (byte)(value * 255 / ((1 << depth) - 1)),
    };

    private static int Channels(int colorType) => colorType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };

    public void Dispose() => _inflater.Dispose();

    private sealed record Header(int Width, int Height, int Depth, int ColorType)
    {
        public static Header? Parse(ReadOnlySpan<byte> body)
        {
            var width = BinaryPrimitives.ReadInt32BigEndian(body);
            var height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
            int depth = body[8], colorType = body[9];
            var valid = width > 0 && height > 0 && body[10] == 0 && body[11] == 0 && body[12] == 0 && colorType switch
            {
                0 => depth is 1 or 2 or 4 or 8 or 16,
                3 => depth is 1 or 2 or 4 or 8,
                2 or 4 or 6 => depth is 8 or 16,
                _ => false,
            };
            return valid ? new Header(width, height, depth, colorType) : null;
        }
    }

    /// <summary>One chunk's place in the file; null past the end or where the file is cut short.</summary>
    private readonly record struct Chunk(int DataStart, int Length, string Type)
    {
        public int Next => DataStart + Length + 4;

        public static Chunk? At(byte[] data, int position)
        {
            if (position > data.Length - 12) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position));
            if (length > (uint)(data.Length - position - 12)) return null;
            return new Chunk(position + 8, (int)length, System.Text.Encoding.ASCII.GetString(data, position + 4, 4));
        }

        public bool HasValidCrc(byte[] data) =>
            Crc32.Of(data.AsSpan(DataStart - 4, Length + 4)) == BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(DataStart + Length));
    }

    /// <summary>The zlib stream split over consecutive IDAT chunks, each checked against its CRC as it is reached.</summary>
    private sealed class IdatStream(byte[] data, int firstChunk) : Stream
    {
        private int _next = firstChunk;
        private int _position;
        private int _end;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_position == _end)
            {
                if (Chunk.At(data, _next) is not { Type: "IDAT" } chunk) return 0;
                if (!chunk.HasValidCrc(data)) throw DecodeErrors.Corrupt(ImageFormat.Png);
                (_position, _end, _next) = (chunk.DataStart, chunk.DataStart + chunk.Length, chunk.Next);
            }
            var n = Math.Min(buffer.Length, _end - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
