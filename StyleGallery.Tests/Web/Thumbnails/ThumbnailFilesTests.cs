using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Storage;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web.Thumbnails;

public sealed class ThumbnailFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sg-thumbs-" + Guid.NewGuid().ToString("N"));
    private readonly FolderFileStore _files;
    private readonly ThumbnailFiles _thumbnails;
    private readonly string _source;

    public ThumbnailFilesTests()
    {
        _files = new FolderFileStore(_folder);
        _thumbnails = new ThumbnailFiles(_files);
        _source = Path.Combine(_folder, "source.png");
        File.WriteAllBytes(_source, ImageEncoder.Encode(RgbImage.Filled(800, 600, 200, 100, 50), EncodedFormat.Png));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_first_request_makes_the_shapes_four_files_and_later_ones_find_them()
    {
        var webp = new ThumbnailVariant(ThumbnailShape.Card, 240, EncodedFormat.Webp);

        var path = await _thumbnails.FindOrMakeAsync("pictures/a", webp, _source, CancellationToken.None);
        var made = File.GetLastWriteTimeUtc(path);
        var again = await _thumbnails.FindOrMakeAsync("pictures/a", webp, _source, CancellationToken.None);

        Assert.Equal(path, again);
        Assert.Equal(made, File.GetLastWriteTimeUtc(again));
        Assert.Equal(["a.thumb-card-240.jpg", "a.thumb-card-240.webp", "a.thumb-card-480.jpg", "a.thumb-card-480.webp"],
            Directory.GetFiles(Path.Combine(_folder, "pictures")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var header = ImageDecoder.Probe(File.ReadAllBytes(path));
        Assert.Equal((ImageFormat.Webp, 240, 180), (header.Format, header.Width, header.Height));
    }

    [Fact]
    public async Task A_thumbnail_older_than_its_picture_is_made_again()
    {
        var jpeg = new ThumbnailVariant(ThumbnailShape.Small, 120, EncodedFormat.Jpeg);
        var path = await _thumbnails.FindOrMakeAsync("pictures/b", jpeg, _source, CancellationToken.None);
        File.WriteAllBytes(_source, ImageEncoder.Encode(RgbImage.Filled(300, 100, 10, 20, 30), EncodedFormat.Png));
        File.SetLastWriteTimeUtc(_source, File.GetLastWriteTimeUtc(path).AddSeconds(1));

        var remade = await _thumbnails.FindOrMakeAsync("pictures/b", jpeg, _source, CancellationToken.None);

        var header = ImageDecoder.Probe(File.ReadAllBytes(remade));
        Assert.Equal((120, 40), (header.Width, header.Height));
    }

    [Fact]
    public void Delete_and_SizeOf_cover_every_variant()
    {
        _thumbnails.MakeAll("pictures/c", RgbImage.Filled(500, 500, 1, 2, 3));

        Assert.Equal(8, Directory.GetFiles(Path.Combine(_folder, "pictures")).Length);
        Assert.True(_thumbnails.SizeOf("pictures/c") > 0);
        _thumbnails.Delete("pictures/c");
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "pictures")));
    }
}
