using System.Text;
using SkiaSharp;
using StyleGallery.Engine.Imaging;
using static StyleGallery.Tests.Imaging.TestPictures;

namespace StyleGallery.Tests.Imaging;

/// <summary>Bad uploads end in an <see cref="ImageDecodeException"/> with the right reason, never a crash.</summary>
public sealed class ImageDecoderRejectionTests
{
    [Fact]
    public void Empty_file_is_refused_as_empty()
    {
        AssertRefused(ImageDecodeFailure.Empty, []);
        Assert.Equal(ImageDecodeFailure.Empty, Assert.Throws<ImageDecodeException>(() => ImageDecoder.Probe([])).Reason);
    }

    [Fact]
    public void Random_bytes_are_not_a_picture()
    {
        var noise = new byte[4096];
        new Random(1234).NextBytes(noise);
        noise[0] = 0x42; // keep the first byte away from formats with near-empty headers (WBMP starts with 0)

        AssertRefused(ImageDecodeFailure.UnsupportedFormat, noise);
    }

    [Fact]
    public void Text_file_is_not_a_picture()
    {
        var text = Encoding.UTF8.GetBytes("Dear StyleGallery,\nplease paint my cat like Van Gogh.\n" + new string('x', 500));

        var error = AssertRefused(ImageDecodeFailure.UnsupportedFormat, text);
        Assert.Contains("JPEG, PNG, WebP, BMP or GIF", error.Message);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Truncated_picture_is_corrupt_not_half_grey(SKEncodedImageFormat format)
    {
        var whole = NoisyPicture(format);

        AssertRefused(ImageDecodeFailure.Corrupt, whole[..(whole.Length * 6 / 10)]);
    }

    [Fact]
    public void Picture_cut_inside_its_header_is_corrupt()
    {
        var png = NoisyPicture(SKEncodedImageFormat.Png);

        AssertRefused(ImageDecodeFailure.Corrupt, png[..20]);
    }

    [Fact]
    public void Png_with_damaged_pixel_data_is_corrupt()
    {
        var png = NoisyPicture(SKEncodedImageFormat.Png);
        var idat = IndexOf(png, "IDAT"u8.ToArray());
        for (var i = idat + 10; i < idat + 60; i++) png[i] ^= 0x5A;

        AssertRefused(ImageDecodeFailure.Corrupt, png);
    }

    [Fact]
    public void Decompression_bomb_is_refused_from_its_header()
    {
        var bomb = HandMadePng.Bomb(100_000, 100_000); // 10^10 pixels in well under a kilobyte
        Assert.True(bomb.Length < 2048, $"bomb is {bomb.Length} bytes");

        var error = AssertRefused(ImageDecodeFailure.TooManyPixels, bomb);
        Assert.Contains("100000 × 100000", error.Message);
        Assert.Equal(new ImageHeader(ImageFormat.Png, 100_000, 100_000, ExifOrientation.Normal), ImageDecoder.Probe(bomb));
    }

    [Fact]
    public void Pixel_limit_and_side_limit_are_both_enforced()
    {
        var png = Quadrants(40, 10, SKEncodedImageFormat.Png);

        AssertRefused(ImageDecodeFailure.TooManyPixels, png, new ImageLimits(MaxPixels: 399));
        AssertRefused(ImageDecodeFailure.TooManyPixels, png, new ImageLimits(MaxSide: 39));
        Assert.Equal(40, ImageDecoder.Decode(png, new ImageLimits(MaxPixels: 400, MaxSide: 40)).Width);
    }

    [Fact]
    public void File_over_the_byte_limit_is_too_large()
    {
        var png = Quadrants(40, 10, SKEncodedImageFormat.Png);
        var limits = new ImageLimits(MaxBytes: png.Length - 1);

        AssertRefused(ImageDecodeFailure.TooLarge, png, limits);
        using var stream = new MemoryStream(png);
        Assert.Equal(ImageDecodeFailure.TooLarge, Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(stream, limits)).Reason);
        Assert.Equal(40, ImageDecoder.Decode(png, limits with { MaxBytes = png.Length }).Width);
    }

    [Fact]
    public void Endless_stream_is_read_only_one_byte_past_the_limit()
    {
        using var endless = new EndlessStream();

        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(endless, new ImageLimits(MaxBytes: 1000)));

        Assert.Equal(ImageDecodeFailure.TooLarge, error.Reason);
        Assert.Equal(1001, endless.BytesRead);
    }

    [Fact]
    public void Missing_file_is_a_file_error_not_a_decode_error()
    {
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.DecodeFile(Path.Combine(Path.GetTempPath(), "no-such-picture-7f3a.png")));
    }

    private static ImageDecodeException AssertRefused(ImageDecodeFailure reason, byte[] data, ImageLimits? limits = null)
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(data, limits));
        Assert.Equal(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    /// <summary>Noise spreads the data evenly through the file, so cutting it off loses pixel rows.</summary>
    private static byte[] NoisyPicture(SKEncodedImageFormat format)
    {
        var random = new Random(7);
        using var bitmap = Draw(96, 96, (_, _) => new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        return Encode(bitmap, format);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) is var i and >= 0 ? i : throw new InvalidOperationException("marker not found");

    /// <summary>A non-seekable upload that never ends, counting what was taken from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xAB, offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
