using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web.Print;

/// <summary><c>/prints/{id}.png</c> in the app: the finished print as a download; nothing for another name.</summary>
[Collection(TorchCollection.Name)]
public sealed class PrintEndpointTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_finished_print_downloads_as_an_attachment_and_other_names_are_404()
    {
        using var client = app.CreateClient();
        var prints = app.Services.GetRequiredService<IPrintJobs>();
        var photo = ImageEncoder.Encode(TestImages.Gradient(120, 80), EncodedFormat.Png);

        var id = await prints.StartAsync(photo, "udnie", new FastStyleOptions { Tile = 32 }, 96, null, CancellationToken.None);
        var job = await app.Services.GetRequiredService<IStyleEngineClient>().WaitUntilFinishedAsync(id);
        using var response = await client.GetAsync(prints.DownloadUrlOf(id));

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var printed = ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((96, 64), (printed.Width, printed.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/prints/{id}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/prints/..%2Fstylegallery.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/prints/{JobIds.New()}.png")).StatusCode);
    }
}
