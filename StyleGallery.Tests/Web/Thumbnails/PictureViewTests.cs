using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Thumbnails;

/// <summary>
/// Issue 25: the share page shows a picture as WebP at its own size (its PNG, the page's largest paint, was 421 KB for a
/// 512-px optimisation on a phone's slow line); the PNG stays the download.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PictureViewTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_stored_pictures_view_is_a_webp_of_its_own_size_close_to_it_and_far_smaller()
    {
        var photo = ImageResizer.FitWithin(ImageDecoder.DecodeFile(SharedData.Content("tubingen.jpg")), 256);
        var results = app.Services.GetRequiredService<ResultStore>();
        var id = ResultStore.NewId();
        results.Save(id, photo);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(ResultStore.ViewUrlOf(id));
        var webp = await response.Content.ReadAsByteArrayAsync();
        var png = await client.GetByteArrayAsync(ResultStore.UrlOf(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ImageFormat.Webp, ImageDecoder.Probe(webp).Format);
        var view = ImageDecoder.Decode(webp);
        Assert.Equal((photo.Width, photo.Height), (view.Width, view.Height));
        var error = MeanAbsoluteError(photo, view);
        Assert.True(error < 3, $"the view is {error:F2} grey levels from the picture on average");
        Assert.True(webp.Length * 3 < png.Length, $"the view takes {webp.Length:N0} bytes, the PNG {png.Length:N0}");
    }

    [Fact]
    public async Task A_view_is_made_once_kept_and_goes_with_its_picture()
    {
        var results = app.Services.GetRequiredService<ResultStore>();
        var id = ResultStore.NewId();
        results.Save(id, RgbImage.Filled(40, 30, 200, 100, 50));
        using var client = app.CreateClient();
        var before = results.SizeOf(id);

        var first = await client.GetByteArrayAsync(ResultStore.ViewUrlOf(id));
        var kept = results.SizeOf(id) - before;
        var second = await client.GetByteArrayAsync(ResultStore.ViewUrlOf(id));
        results.Delete(id);
        using var gone = await client.GetAsync(ResultStore.ViewUrlOf(id));

        Assert.Equal(first.Length, kept); // the file is in the store, and counted in the picture's bytes
        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(0, results.SizeOf(id));
    }

    [Fact]
    public async Task A_finished_jobs_picture_is_offered_as_a_webp_of_the_same_size()
    {
        using var client = app.CreateClient();
        var id = await JobApi.SubmitAsync(client, "", iterations: 2);
        await JobApi.WaitAsync(client, "", id, job => job.Status is "Succeeded" or "Failed");

        var png = ImageDecoder.Decode(await client.GetByteArrayAsync($"/jobs/{id}/preview.png"));
        using var response = await client.GetAsync($"/jobs/{id}/preview.webp");
        var webp = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control {response.Headers.CacheControl}");
        Assert.Equal(ImageFormat.Webp, ImageDecoder.Probe(webp).Format);
        var view = ImageDecoder.Decode(webp);
        Assert.Equal((png.Width, png.Height), (view.Width, view.Height));
        Assert.True(MeanAbsoluteError(png, view) < 3);
    }

    private static double MeanAbsoluteError(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels, (x, y) => (double)Math.Abs(x - y)).Average();
}
