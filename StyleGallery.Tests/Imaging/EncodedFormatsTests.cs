using StyleGallery.Engine.Imaging;

namespace StyleGallery.Tests.Imaging;

public sealed class EncodedFormatsTests
{
    [Theory]
    [InlineData("out/result.png", EncodedFormat.Png)]
    [InlineData("/tmp/Photo.JPG", EncodedFormat.Jpeg)]
    [InlineData("a.jpeg", EncodedFormat.Jpeg)]
    [InlineData(".webp", EncodedFormat.Webp)]
    [InlineData("webp", EncodedFormat.Webp)]
    public void Extension_names_the_format(string path, EncodedFormat expected)
    {
        Assert.Equal(expected, EncodedFormats.FromExtension(path));
    }

    [Theory]
    [InlineData("animation.gif")]
    [InlineData("noextension")]
    [InlineData("picture.png.txt")]
    public void Unknown_extension_is_refused_with_the_choices(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => EncodedFormats.FromExtension(path));
        Assert.Contains(".webp", error.Message);
        Assert.False(EncodedFormats.TryFromExtension(path, out _));
    }

    [Theory]
    [InlineData(EncodedFormat.Png, "image/png", ".png")]
    [InlineData(EncodedFormat.Jpeg, "image/jpeg", ".jpg")]
    [InlineData(EncodedFormat.Webp, "image/webp", ".webp")]
    public void Mime_type_and_extension(EncodedFormat format, string mime, string extension)
    {
        Assert.Equal(mime, format.MimeType());
        Assert.Equal(extension, format.Extension());
        Assert.Equal(format, EncodedFormats.FromExtension("x" + format.Extension()));
    }

    [Theory]
    [InlineData("paintings/starry.JPG", "image/jpeg")]
    [InlineData("samples/cat.jpeg", "image/jpeg")]
    [InlineData("x.webp", "image/webp")]
    [InlineData("scan.bmp", "image/bmp")]
    [InlineData("animation.gif", "image/gif")]
    [InlineData("notes.txt", null)]
    [InlineData("noextension", null)]
    public void Mime_type_of_a_picture_file_the_decoder_reads(string path, string? mime) =>
        Assert.Equal(mime, EncodedFormats.MimeTypeOf(path));

    [Theory]
    [InlineData("text/html", false)]
    [InlineData("image/svg+xml", false)]
    [InlineData("image/gif", true)]
    public void Only_picture_mime_types_the_decoder_reads_are_pictures(string mime, bool picture) =>
        Assert.Equal(picture, EncodedFormats.IsPictureMimeType(mime));
}
