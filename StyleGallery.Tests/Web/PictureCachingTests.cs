using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web;

/// <summary>Issue 25: users' pictures carry Cache-Control (a result's files never change under their URL; a painting's URL names its style, not its content).</summary>
[Collection(TorchCollection.Name)]
public sealed class PictureCachingTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_results_files_are_cached_immutable_for_a_year_and_revalidate_to_304()
    {
        var id = ResultStore.NewId();
        app.Services.GetRequiredService<ResultStore>().Save(id, RgbImage.Filled(8, 6, 10, 20, 30));
        using var client = app.CreateClient();

        using var picture = await client.GetAsync(ResultStore.UrlOf(id));
        using var thumbnail = await client.GetAsync(ResultStore.ThumbnailsOf(id).Url(ThumbnailShape.Card, 240, EncodedFormat.Webp));
        using var request = new HttpRequestMessage(HttpMethod.Get, ResultStore.UrlOf(id));
        request.Headers.IfModifiedSince = picture.Content.Headers.LastModified;
        using var again = await client.SendAsync(request);

        foreach (var response in new[] { picture, thumbnail })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var caching = response.Headers.CacheControl;
            Assert.True(caching is { Private: true, MaxAge.TotalSeconds: 31_536_000 } && caching.Extensions.Any(e => e.Name == "immutable"), $"Cache-Control {caching}");
        }
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_painting_is_cached_with_a_max_age()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/paintings/scream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: > 0 }, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/results/AAAAAAAAAAAAAAAAAAAAAA.png")]
    [InlineData("/paintings/mathura")]
    public async Task A_404_is_not_cached_so_a_picture_that_comes_later_is_found(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }
}
