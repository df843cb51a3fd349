using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web.Print;

/// <summary>
/// <c>/prints/{id}.png</c> in the app: the finished print as a download for the browser that started it; nothing for
/// another browser, one without the cookie, another name, a path or a file the app did not make.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PrintEndpointTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_finished_print_downloads_as_an_attachment_for_its_browser_and_anything_else_is_404()
    {
        using var client = Browser(Owner);
        using var stranger = Browser("mallory-token-00000000");
        using var cookieless = app.CreateClient();
        var prints = app.Services.GetRequiredService<IPrintJobs>();
        var photo = ImageEncoder.Encode(TestImages.Gradient(120, 80), EncodedFormat.Png);

        var id = await prints.StartAsync(photo, "udnie", new FastStyleOptions { Tile = 32 }, 96, Owner, CancellationToken.None);
        var job = await app.Services.GetRequiredService<IStyleEngineClient>().WaitUntilFinishedAsync(id);
        var url = prints.DownloadUrlOf(id)!;
        using var response = await client.GetAsync(url);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var printed = ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((96, 64), (printed.Width, printed.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/prints/{id}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/prints/..%2Fstylegallery.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/prints/{JobIds.New()}.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cookieless.GetAsync(url)).StatusCode);
        // Its owner record, paths out of the folder, and a file put there that the app did not make.
        var folder = Path.Combine(app.Services.GetRequiredService<StyleGalleryWebOptions>().DataDirectory, "prints");
        await File.WriteAllBytesAsync(Path.Combine(folder, "planted.png"), photo);
        var planted = JobIds.New();
        await File.WriteAllBytesAsync(Path.Combine(folder, planted + ".png"), photo);
        foreach (var name in new[]
                 {
                     $"{id}.owner", $"{id}.png.owner", "planted.png", $"{planted}.png", "..%2Fstylegallery.db", "..%2F..%2Fappsettings.json",
                     "%2E%2E%2Fstylegallery.db", "..%5Cstylegallery.db", "%2Fetc%2Fpasswd", $"..%2Fprints%2F{id}.png",
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/prints/{name}")).StatusCode);
        }
    }

    private const string Owner = "alice-token-0000000000";

    private HttpClient Browser(string owner)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{OwnerToken.CookieName}={OwnerToken.CookieValue(app.Services, owner)}");
        return client;
    }
}
