using System.Net;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web;

/// <summary><c>/samples/{name}</c> and the studio's sample row, in the real app over ../shared/images/content.</summary>
[Collection(TorchCollection.Name)]
public sealed class SamplePhotoEndpointTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_listed_sample_is_served_byte_for_byte()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/samples/tubingen.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(SharedData.Content("tubingen.jpg")), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/samples/manifest.json")]
    [InlineData("/samples/nope.jpg")]
    [InlineData("/samples/..%2Fstyles%2Fthe_scream.jpg")]
    [InlineData("/samples/%2E%2E%2F%2E%2E%2Fmodels%2FSHA256SUMS")]
    public async Task Anything_but_a_listed_name_is_404(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_studio_offers_the_samples_under_the_photo_box()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/studio");

        Assert.Contains("data-testid=\"sample-photos\"", page);
        Assert.Contains("src=\"/samples/tubingen.jpg/small-120.jpg\"", page);
        Assert.Contains("Neckarfront, Tuebingen", page);
    }
}
