using System.Runtime.InteropServices;
using SkiaSharp;

namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Decodes a picture larger than the size it will be used at, with memory in proportion to that size rather than the
/// stored one wherever the codec allows: JPEG and WebP are decoded scaled down by the codec (JPEG by halves down to an
/// eighth with its DCT scaling, WebP to any size with its area scaler), JPEG and BMP row by row, and PNG row by row by <see cref="PngRowReader"/>; each row is added to a
/// <see cref="BoxReducer"/> as it arrives. The reduction mirrors <see cref="ImageResizer"/>'s: the box averages stand for
/// its 2×2 halvings (to the same size), then the same Mitchell cubic makes the last, less-than-2× step. Pictures no codec
/// path can stream (GIF, interlaced or colour-managed PNG) are decoded whole, then reduced the same way.
/// </summary>
internal static class ReducedDecoding
{
    /// <summary>Rows asked of Skia at once.</summary>
    private const int RowsPerRead = 16;

    /// <param name="width">The working width, in the stored orientation, smaller than or equal to the stored width.</param>
    /// <param name="height">The working height, likewise.</param>
    public static RgbImage Decode(SKCodec codec, ImageHeader header, byte[] data, int width, int height, DecodeBudget budget)
    {
        if (header.Format == ImageFormat.Png && PngRowReader.TryOpen(data) is { } png)
        {
            using (png)
            {
                var (w, h) = Halved(png.Width, png.Height, width, height);
                using var lease = budget.Acquire(png.Width + Cost(w, h, width, height));
                using var reducer = new BoxReducer(png.Width, png.Height, w, h);
                var row = new byte[png.Width * 4];
                for (var y = 0; y < png.Height; y++)
                {
                    png.ReadRow(row);
                    reducer.AddRow(row);
                }
                return ImageResizer.Resize(reducer.TakeResult(), width, height);
            }
        }
        var (sourceWidth, sourceHeight) = CodecScaledSize(codec, header, width, height);
        var (reducedWidth, reducedHeight) = Halved(sourceWidth, sourceHeight, width, height);
        var info = SkiaCodec.RgbaInfo(sourceWidth, sourceHeight);
        var streams = codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown;
        var held = streams ? (long)sourceWidth * RowsPerRead : (long)sourceWidth * sourceHeight;
        using (budget.Acquire(held + Cost(reducedWidth, reducedHeight, width, height)))
        using (var reducer = new BoxReducer(sourceWidth, sourceHeight, reducedWidth, reducedHeight))
        {
            if (streams) AddScanlines(codec, header.Format, reducer, sourceHeight);
            else AddDecoded(codec, header.Format, reducer, sourceHeight);
            return ImageResizer.Resize(reducer.TakeResult(), width, height);
        }
    }

    /// <summary>What the reduced copies hold: the box average, the cubic step's copy of it, and the result.</summary>
    private static long Cost(int reducedWidth, int reducedHeight, int width, int height) =>
        2L * reducedWidth * reducedHeight + (long)width * height;

    /// <summary>The size <see cref="ImageResizer"/>'s halvings reach from <paramref name="width"/> × <paramref name="height"/> towards the target.</summary>
    internal static (int Width, int Height) Halved(int width, int height, int targetWidth, int targetHeight)
    {
        while (width >= 2 * targetWidth) width /= 2;
        while (height >= 2 * targetHeight) height /= 2;
        return (width, height);
    }

    /// <summary>
    /// The size the codec is asked for: for WebP (which scales to any size) the size the halvings reach, so its area
    /// scaler does their work; for JPEG (which scales by eighths) the halvings it can do, up to an eighth; else the stored size.
    /// </summary>
    private static (int Width, int Height) CodecScaledSize(SKCodec codec, ImageHeader header, int width, int height)
    {
        var (halvedWidth, halvedHeight) = Halved(header.Width, header.Height, width, height);
        if (header.Format == ImageFormat.Webp) return (halvedWidth, halvedHeight);
        if (header.Format != ImageFormat.Jpeg) return (header.Width, header.Height);
        var halvings = Math.Min(3, Math.Min(Log2(header.Width / halvedWidth), Log2(header.Height / halvedHeight)));
        if (halvings == 0) return (header.Width, header.Height);
        var scaled = codec.GetScaledDimensions(1f / (1 << halvings));
        return scaled.Width >= halvedWidth && scaled.Height >= halvedHeight && scaled.Width <= header.Width && scaled.Height <= header.Height
            ? (scaled.Width, scaled.Height)
            : (header.Width, header.Height);
    }

    private static int Log2(int value) => 31 - int.LeadingZeroCount(Math.Max(1, value));

    private static unsafe void AddScanlines(SKCodec codec, ImageFormat format, BoxReducer reducer, int height)
    {
        var rowBytes = reducer.SourceWidth * 4;
        var buffer = NativeMemory.Alloc((nuint)rowBytes * RowsPerRead);
        try
        {
            for (var y = 0; y < height; y += RowsPerRead)
            {
                var rows = Math.Min(RowsPerRead, height - y);
                if (codec.GetScanlines((IntPtr)buffer, rows, rowBytes) != rows) throw DecodeErrors.Corrupt(format);
                var span = new ReadOnlySpan<byte>(buffer, rowBytes * rows);
                for (var r = 0; r < rows; r++) reducer.AddRow(span.Slice(r * rowBytes, rowBytes));
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private static void AddDecoded(SKCodec codec, ImageFormat format, BoxReducer reducer, int height)
    {
        using var rgba = SkiaCodec.DecodeRgba(codec, format, reducer.SourceWidth, height);
        var pixels = rgba.GetPixelSpan();
        for (var y = 0; y < height; y++) reducer.AddRow(pixels.Slice(y * rgba.RowBytes, reducer.SourceWidth * 4));
    }
}
