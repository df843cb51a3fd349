using System.Buffers.Binary;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

public sealed class ImageEncoderTests
{
    private static readonly RgbImage Picture = QuadrantImage(48, 32);

    [Theory]
    [InlineData(EncodedFormat.Png, ImageFormat.Png, 0)]
    [InlineData(EncodedFormat.Jpeg, ImageFormat.Jpeg, 12)]
    [InlineData(EncodedFormat.Webp, ImageFormat.Webp, 12)]
    public void Encoded_picture_decodes_back(EncodedFormat format, ImageFormat decodedAs, int tolerance)
    {
        var bytes = ImageEncoder.Encode(Picture, format);

        var back = ImageDecoder.Decode(bytes);

        Assert.Equal(decodedAs, ImageDecoder.Probe(bytes).Format);
        Assert.Equal((48, 32), (back.Width, back.Height));
        AssertQuadrants(back, tolerance);
    }

    [Fact]
    public void Png_is_lossless()
    {
        var noisy = new byte[20 * 10 * 3];
        new Random(3).NextBytes(noisy);
        var image = new RgbImage(20, 10, noisy);

        Assert.Equal(noisy, ImageDecoder.Decode(ImageEncoder.Encode(image, EncodedFormat.Png)).Pixels);
    }

    [Fact]
    public void Lower_jpeg_quality_gives_a_smaller_file()
    {
        var noisy = new byte[64 * 64 * 3];
        new Random(5).NextBytes(noisy);
        var image = new RgbImage(64, 64, noisy);

        Assert.True(ImageEncoder.Encode(image, EncodedFormat.Jpeg, 30).Length < ImageEncoder.Encode(image, EncodedFormat.Jpeg, 95).Length);
    }

    [Fact]
    public void Jpeg_has_no_metadata_segments()
    {
        var jpeg = ImageEncoder.Encode(Picture, EncodedFormat.Jpeg);

        var markers = JpegMarkersBeforeScan(jpeg);

        Assert.DoesNotContain(0xE1, markers); // APP1: EXIF or XMP
        Assert.DoesNotContain(0xE2, markers); // APP2: ICC profile
        Assert.DoesNotContain(0xFE, markers); // COM
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("Exif"u8));
    }

    [Fact]
    public void Png_has_no_metadata_chunks()
    {
        var chunks = PngChunkTypes(ImageEncoder.Encode(Picture, EncodedFormat.Png));

        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        // sBIT (significant bits per channel) describes the pixel format, not the picture's origin.
        Assert.All(chunks, c => Assert.Contains(c, new[] { "IHDR", "IDAT", "IEND", "sBIT" }));
    }

    [Fact]
    public void Webp_has_no_exif_or_xmp_chunk()
    {
        var webp = ImageEncoder.Encode(Picture, EncodedFormat.Webp);

        Assert.True(webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) && webp.AsSpan(8, 4).SequenceEqual("WEBP"u8));
        Assert.Equal(-1, webp.AsSpan().IndexOf("EXIF"u8));
        Assert.Equal(-1, webp.AsSpan().IndexOf("XMP "u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Quality_outside_1_to_100_is_refused(int quality)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Encode(Picture, EncodedFormat.Jpeg, quality));
    }

    private static RgbImage QuadrantImage(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                (pixels[(y * width + x) * 3], pixels[(y * width + x) * 3 + 1], pixels[(y * width + x) * 3 + 2]) = Quadrant(x, y, width, height);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Walks the segments from SOI to SOS (start of scan), returning each marker's second byte.</summary>
    private static List<int> JpegMarkersBeforeScan(byte[] jpeg)
    {
        var markers = new List<int>();
        for (var at = 2; jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
            markers.Add(jpeg[at + 1]);
        return markers;
    }

    private static List<string> PngChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (var at = 8; at < png.Length; at += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at)))
            types.Add(System.Text.Encoding.ASCII.GetString(png, at + 4, 4));
        return types;
    }
}
