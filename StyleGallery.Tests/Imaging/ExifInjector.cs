using System.Buffers.Binary;

namespace StyleGallery.Tests.Imaging;

/// <summary>
/// Puts an APP1 "Exif" segment holding only the Orientation tag (0x0112) right after a JPEG's SOI marker,
/// the way a camera does. The payload is a minimal TIFF: header, one IFD with one SHORT entry, no next IFD.
/// </summary>
internal static class ExifInjector
{
    public static byte[] WithOrientation(byte[] jpeg, int orientation, bool bigEndian = false)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("Not a JPEG (no SOI marker).");
        var segment = App1(Tiff(orientation, bigEndian));
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static byte[] App1(byte[] tiff)
    {
        byte[] exifHeader = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var length = 2 + exifHeader.Length + tiff.Length; // the length field counts itself
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exifHeader, .. tiff];
    }

    private static byte[] Tiff(int orientation, bool bigEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        var w = new TiffWriter(tiff, bigEndian);
        tiff[0] = tiff[1] = bigEndian ? (byte)'M' : (byte)'I';
        w.U16(2, 42);          // TIFF magic
        w.U32(4, 8);           // first IFD straight after the header
        w.U16(8, 1);           // one entry
        w.U16(10, 0x0112);     // Orientation
        w.U16(12, 3);          // type SHORT
        w.U32(14, 1);          // one value, stored in the entry itself (left-justified)
        w.U16(18, orientation);
        w.U32(22, 0);          // no next IFD
        return tiff;
    }

    private readonly ref struct TiffWriter(Span<byte> bytes, bool bigEndian)
    {
        private readonly Span<byte> _bytes = bytes;

        public void U16(int at, int value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(_bytes[at..], (ushort)value);
            else BinaryPrimitives.WriteUInt16LittleEndian(_bytes[at..], (ushort)value);
        }

        public void U32(int at, uint value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(_bytes[at..], value);
            else BinaryPrimitives.WriteUInt32LittleEndian(_bytes[at..], value);
        }
    }
}
