using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>
/// Issue 24, point 3 (and 10's last): an API job without a cookie cannot take the engine's hours, and its submitter can
/// cancel and delete it with the secret it got once; a browser's job the same with its cookie; nobody else.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class JobSecretApiTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const string Endless = "7000"; // 64 px: within a script's budget, minutes of the engine

    [Fact]
    public async Task Too_many_iterations_without_a_cookie_are_a_422_that_says_the_limit()
    {
        using var client = app.CreateClient();

        using var refused = await client.PostAsync("/api/jobs", Form("100000", maxSide: "32"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("the limit is 2 minutes per picture without this site's cookie", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cookie_less_job_gets_a_secret_once_with_which_it_is_cancelled_and_deleted()
    {
        using var client = app.CreateClient();
        using var created = await client.PostAsync("/api/jobs", Form(Endless));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = (await created.Content.ReadFromJsonAsync<Created>())!;
        var record = await app.Services.GetRequiredService<PictureArchive>().FindAsync(job.Id);

        Assert.Equal(22, job.Secret!.Length);
        Assert.Equal(JobSecret.Hash(job.Secret), record!.SecretHash); // only the hash is stored
        Assert.DoesNotContain(job.Secret, await client.GetStringAsync($"/api/jobs/{job.Id}"));

        using var wrong = await SendAsync(client, HttpMethod.Post, $"/api/jobs/{job.Id}/cancel", JobSecret.New().Secret);
        using var none = await SendAsync(client, HttpMethod.Delete, $"/api/jobs/{job.Id}", secret: null);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (wrong.StatusCode, none.StatusCode));

        using var cancelled = await SendAsync(client, HttpMethod.Post, $"/api/jobs/{job.Id}/cancel", job.Secret);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await app.Services.GetRequiredService<IStyleEngineClient>().WaitUntilFinishedAsync(job.Id);

        using var deleted = await SendAsync(client, HttpMethod.Delete, $"/api/jobs/{job.Id}", job.Secret);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jobs/{job.Id}/result.png")).StatusCode);
        Assert.Null(await app.Services.GetRequiredService<PictureArchive>().FindAsync(job.Id));
    }

    [Fact]
    public async Task A_browser_s_job_is_cancelled_and_deleted_with_its_cookie_and_not_with_another()
    {
        using var eve = ClientOf("EveEveEveEveEveEveEve1");
        using var mallory = ClientOf("MalloryMalloryMallory1");
        using var created = await eve.PostAsync("/api/jobs", Form(Endless));
        var job = (await created.Content.ReadFromJsonAsync<Created>())!;
        Assert.Null(job.Secret); // a browser has its cookie

        using var notYours = await SendAsync(mallory, HttpMethod.Post, $"/api/jobs/{job.Id}/cancel", secret: null);
        using var notYoursEither = await SendAsync(mallory, HttpMethod.Delete, $"/api/jobs/{job.Id}", secret: null);
        using var cancelled = await SendAsync(eve, HttpMethod.Post, $"/api/jobs/{job.Id}/cancel", secret: null);
        using var deleted = await SendAsync(eve, HttpMethod.Delete, $"/api/jobs/{job.Id}", secret: null);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.NoContent),
            (notYours.StatusCode, notYoursEither.StatusCode, cancelled.StatusCode, deleted.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await eve.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        using var client = app.CreateClient();

        using var cancel = await SendAsync(client, HttpMethod.Post, "/api/jobs/AbCdEfGhIjKlMnOpQrStUv/cancel", JobSecret.New().Secret);
        using var delete = await SendAsync(client, HttpMethod.Delete, "/api/jobs/not-an-id", JobSecret.New().Secret);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (cancel.StatusCode, delete.StatusCode));
    }

    private HttpClient ClientOf(string owner)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{OwnerToken.CookieName}={OwnerToken.CookieValue(app.Services, owner)}");
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? secret)
    {
        using var request = new HttpRequestMessage(method, url);
        if (secret is not null) request.Headers.Add(JobSecret.HeaderName, secret);
        return await client.SendAsync(request);
    }

    private static MultipartFormDataContent Form(string iterations, string maxSide = "64") => new()
    {
        { new ByteArrayContent(ImageEncoder.Encode(RgbImage.Filled(80, 60, 30, 90, 160), EncodedFormat.Png)), "photo", "photo.png" },
        { new StringContent("udnie"), "style" },
        { new StringContent(maxSide), "maxSide" },
        { new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
    };

    private sealed record Created(string Id, string? Secret);
}
