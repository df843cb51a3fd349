using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web.Thumbnails;

/// <summary>Issue 25: thumbnails of paintings, sample photos and results, served by the real app over ../shared.</summary>
[Collection(TorchCollection.Name)]
public sealed class ThumbnailEndpointTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Theory]
    [InlineData("/paintings/scream/card-240.webp", "image/webp", ImageFormat.Webp, 240)]
    [InlineData("/paintings/scream/card-480.jpg", "image/jpeg", ImageFormat.Jpeg, 480)]
    [InlineData("/paintings/painting.starry_night/small-120.webp", "image/webp", ImageFormat.Webp, 120)]
    public async Task A_paintings_thumbnail_is_the_asked_format_and_width_a_fraction_of_the_painting_and_cached(
        string url, string mimeType, ImageFormat format, int width)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        var painting = await client.GetByteArrayAsync(url[..url.LastIndexOf('/')]);

        var bytes = await Assert200Async(response, mimeType);
        var header = ImageDecoder.Probe(bytes);
        Assert.Equal((format, width), (header.Format, header.Width));
        Assert.InRange(header.Height, 1, width * 3 / 4 + 1);
        Assert.True(bytes.Length * 4 < painting.Length, $"{bytes.Length:N0} bytes for a {width}-px thumbnail of a {painting.Length:N0}-byte painting");
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: >= 86_400 }, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_sample_photos_thumbnail_is_small_and_cached()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/samples/tubingen.jpg/small-240.webp");

        var bytes = await Assert200Async(response, "image/webp");
        Assert.Equal(240, ImageDecoder.Probe(bytes).Width);
        Assert.True(bytes.Length * 8 < new FileInfo(SharedData.Content("tubingen.jpg")).Length, $"{bytes.Length:N0} bytes");
        Assert.True(response.Headers.CacheControl is { MaxAge.TotalSeconds: >= 86_400 }, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_results_thumbnails_and_its_photos_are_made_from_its_files_and_cached_immutable()
    {
        var id = ResultStore.NewId();
        var results = app.Services.GetRequiredService<ResultStore>();
        results.Save(id, RgbImage.Filled(600, 400, 200, 40, 40));
        results.SaveContent(id, RgbImage.Filled(900, 1200, 40, 200, 40));
        using var client = app.CreateClient();

        using var picture = await client.GetAsync(ResultStore.ThumbnailsOf(id).Url(ThumbnailShape.Card, 480, EncodedFormat.Webp));
        using var photo = await client.GetAsync(ResultStore.ContentThumbnailsOf(id).Url(ThumbnailShape.Small, 120, EncodedFormat.Jpeg));

        var pictureHeader = ImageDecoder.Probe(await Assert200Async(picture, "image/webp"));
        var photoHeader = ImageDecoder.Probe(await Assert200Async(photo, "image/jpeg"));
        Assert.Equal((480, 320), (pictureHeader.Width, pictureHeader.Height));
        Assert.Equal((120, 120), (photoHeader.Width, photoHeader.Height)); // the portrait photo's centre square
        Assert.Contains(picture.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
    }

    [Theory]
    [InlineData("/paintings/scream/card-250.webp")]
    [InlineData("/paintings/scream/card-240.png")]
    [InlineData("/paintings/scream/huge-4000.webp")]
    [InlineData("/paintings/mathura/card-240.webp")]
    [InlineData("/paintings/nope/card-240.webp")]
    [InlineData("/samples/nope.jpg/small-120.webp")]
    [InlineData("/samples/manifest.json/small-120.webp")]
    [InlineData("/results/AAAAAAAAAAAAAAAAAAAAAA.thumb-card-240.webp")]
    [InlineData("/results/AAAAAAAAAAAAAAAAAAAAAA.thumb-card-999.webp")]
    public async Task Any_other_size_or_picture_is_a_404_that_is_not_cached(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }

    private static async Task<byte[]> Assert200Async(HttpResponseMessage response, string mimeType)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue(mimeType), response.Content.Headers.ContentType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
