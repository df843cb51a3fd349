using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Imaging;
using StyleGallery.Tests.Web.Data;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web.Thumbnails;

/// <summary>
/// A visitor's painting is untrusted: its thumbnails are made as it arrives, from the pixels the app's safe decoder
/// gave (limits, decode budget, EXIF orientation), never by another decoder reading the visitor's file.
/// </summary>
public sealed class UserPaintingThumbnailTests : IDisposable
{
    private const string Me = "me-owner-token-0000000";

    private readonly TestDataFolder _data = new();
    private readonly UserPaintingFiles _files;
    private readonly UserStyleService _styles;

    public UserPaintingThumbnailTests()
    {
        _files = new UserPaintingFiles(_data.Files);
        _styles = new UserStyleService(_data.UserStyles, _files, _data.Options);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_uploaded_paintings_thumbnails_are_made_upright_as_it_arrives()
    {
        // Stored 600 × 300, and a camera's EXIF tag saying "turn it a quarter": upright it is 300 × 600.
        var upload = ExifInjector.WithOrientation(ImageEncoder.Encode(RgbImage.Filled(600, 300, 30, 60, 200), EncodedFormat.Jpeg), orientation: 6);

        var style = await _styles.AddAsync(new NewUserStyle(upload, "Sideways", null, Me));

        var made = Directory.GetFiles(Path.Combine(_data.Folder, "paintings"), style.Id + ".thumb-*").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(ThumbnailVariant.All.Select(v => $"{style.Id}.thumb-{v.FileName}").Order(StringComparer.Ordinal), made);
        var card = await _files.ThumbnailAsync(style.Id, new ThumbnailVariant(ThumbnailShape.Card, 240, EncodedFormat.Webp));
        var header = ImageDecoder.Probe(File.ReadAllBytes(card!));
        Assert.Equal((ImageFormat.Webp, 240, 180), (header.Format, header.Width, header.Height)); // 300 wide, cropped to 4:3; sideways it would be 240 × 120
    }

    [Fact]
    public async Task An_upload_the_safe_decoder_refuses_leaves_no_thumbnail()
    {
        // 10^10 pixels in under a kilobyte: refused from its header, before any pixel is decoded.
        var bomb = HandMadePng.Bomb(100_000, 100_000);

        await Assert.ThrowsAsync<UserFacingException>(() => _styles.AddAsync(new NewUserStyle(bomb, "Bomb", null, Me)));
        await Assert.ThrowsAsync<UserFacingException>(() => _styles.AddAsync(new NewUserStyle("not a picture"u8.ToArray(), "Text", null, Me)));

        var paintings = Path.Combine(_data.Folder, "paintings");
        Assert.False(Directory.Exists(paintings) && Directory.EnumerateFiles(paintings).Any());
    }

    [Fact]
    public async Task Deleting_the_painting_deletes_its_thumbnails()
    {
        var style = await _styles.AddAsync(new NewUserStyle(ImageEncoder.Encode(RgbImage.Filled(64, 48, 1, 2, 3), EncodedFormat.Png), "Gone", null, Me));

        Assert.True(await _styles.DeleteAsync(style.Id, Me));

        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Folder, "paintings")));
        Assert.Null(await _files.ThumbnailAsync(style.Id, new ThumbnailVariant(ThumbnailShape.Small, 120, EncodedFormat.Jpeg)));
    }
}
