using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web;

/// <summary>
/// Issue 25: every picture carries Cache-Control (a result's files, and a job's result, never change under their URL; a
/// painting's or a sample photo's URL names it, not its content; a job's preview changes while it runs) and revalidates
/// to a 304.
/// </summary>
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
    [InlineData("/samples/tubingen.jpg")]
    [InlineData("/samples/tubingen.jpg/small-120.webp")]
    public async Task A_sample_photo_and_its_thumbnail_are_cached_with_a_max_age_and_revalidate_to_304(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalSeconds: > 0 }, $"Cache-Control {response.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_jobs_result_is_cached_immutable_and_its_preview_is_revalidated_each_time_to_a_304()
    {
        using var client = app.CreateClient();
        var id = await JobApi.SubmitAsync(client, "", iterations: 2);
        await JobApi.WaitAsync(client, "", id, job => job.Status is "Succeeded" or "Failed");

        using var result = await client.GetAsync($"/api/jobs/{id}/result.png");
        using var preview = await client.GetAsync($"/jobs/{id}/preview.png?v=2");

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var caching = result.Headers.CacheControl;
        Assert.True(caching is { Private: true, MaxAge.TotalSeconds: 31_536_000 } && caching.Extensions.Any(e => e.Name == "immutable"), $"Cache-Control {caching}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.True(preview.Headers.CacheControl is { Private: true, NoCache: true, MaxAge: null }, $"Cache-Control {preview.Headers.CacheControl}");
        Assert.NotNull(preview.Headers.ETag);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{id}/preview.png?v=2");
        request.Headers.IfNoneMatch.Add(preview.Headers.ETag);
        using var again = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(preview.Headers.ETag, again.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/jobs/AAAAAAAAAAAAAAAAAAAAAA/result.png")]
    [InlineData("/jobs/AAAAAAAAAAAAAAAAAAAAAA/preview.png")]
    [InlineData("/jobs/AAAAAAAAAAAAAAAAAAAAAA/preview.webp")]
    [InlineData("/results/AAAAAAAAAAAAAAAAAAAAAA.view.webp")]
    [InlineData("/samples/no-such-photo.jpg")]
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
