using System.Buffers.Binary;

namespace StyleGallery.Tests.Imaging;

/// <summary>Writes 24-bit BMP files (Skia can read BMP but not write it).</summary>
internal static class HandMadeBmp
{
    private const int HeaderSize = 14 + 40;

    public static byte[] Build(int width, int height, Func<int, int, (byte R, byte G, byte B)> colourAt)
    {
        var rowBytes = (width * 3 + 3) / 4 * 4;
        var bmp = new byte[HeaderSize + rowBytes * height];
        WriteHeaders(bmp, width, height, rowBytes * height);
        for (var y = 0; y < height; y++)
        {
            var row = HeaderSize + (height - 1 - y) * rowBytes; // rows are stored bottom-up
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colourAt(x, y);
                (bmp[row + x * 3], bmp[row + x * 3 + 1], bmp[row + x * 3 + 2]) = (b, g, r);
            }
        }
        return bmp;
    }

    private static void WriteHeaders(Span<byte> bmp, int width, int height, int pixelBytes)
    {
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp[2..], bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp[10..], HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(bmp[14..], 40); // BITMAPINFOHEADER
        BinaryPrimitives.WriteInt32LittleEndian(bmp[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp[26..], 1);  // planes
        BinaryPrimitives.WriteInt16LittleEndian(bmp[28..], 24); // bits per pixel; compression stays 0
        BinaryPrimitives.WriteInt32LittleEndian(bmp[34..], pixelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(bmp[38..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(bmp[42..], 2835);
    }
}
