using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>
/// Issue 18, point 2: a script without the owner cookie is a new browser with every request, so its optimisations count
/// by its address. From one address, cookie-less, <c>MaxConcurrentJobsPerAddress</c> are accepted and the next is a 429
/// that says why; another address, and a browser at the same address, go on; a cancelled job gives its slot back.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class AddressLimitTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const string Script = "203.0.113.7", OtherScript = "203.0.113.8";

    [Fact]
    public async Task Cookie_less_jobs_from_one_address_share_its_slots_and_others_go_on()
    {
        await using var site = app.BehindProxy(("StyleGallery:MaxConcurrentJobsPerAddress", "2"));
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Add("Cookie", $"{OwnerToken.CookieName}={OwnerToken.CookieValue(site.Services, "AliceAliceAliceAlice12")}");
        var started = new List<Created>();
        try
        {
            for (var i = 0; i < 2; i++) started.Add(await AcceptedAsync(client, Script));
            using var refused = await PostAsync(client, Script);
            started.Add(await AcceptedAsync(client, OtherScript));
            started.Add(await AcceptedAsync(browser, Script));

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.Contains("You already have 2 pictures being painted from this address without a cookie", problem!.Detail);

            await CancelAsync(client, started[0]);
            await site.Services.GetRequiredService<IStyleEngineClient>().WaitUntilFinishedAsync(started[0].Id);
            // The slot comes back when the web app's job watcher sees the end, a moment after the engine's.
            await Eventually.TrueAsync(() => site.Services.GetRequiredService<OwnerLimits>().TakenBy(ClientAddress.KeyOf(IPAddress.Parse(Script)), JobKind.Optimise) == 1,
                "the cancelled job's slot comes back to its address");
            started.Add(await AcceptedAsync(client, Script));
        }
        finally
        {
            foreach (var job in started) await CancelAsync(job.Secret is null ? browser : client, job);
        }
    }

    [Theory]
    [InlineData("203.0.113.7", "address:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "address:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "address:2001:db8:1:3::/64")]
    public void An_address_counts_as_itself_and_an_ipv6_address_as_its_64_network(string address, string key) =>
        Assert.Equal(key, ClientAddress.KeyOf(IPAddress.Parse(address)));

    private static async Task<Created> AcceptedAsync(HttpClient client, string address)
    {
        using var response = await PostAsync(client, address);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Created>())!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = EndlessForm() };
        return await client.SendAsync(request.From(address));
    }

    private static async Task CancelAsync(HttpClient client, Created job)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{job.Id}/cancel");
        if (job.Secret is not null) request.Headers.Add(JobSecret.HeaderName, job.Secret);
        using var response = await client.SendAsync(request.From(Script));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>64 px, 7000 iterations: within a script's engine-time budget, minutes of the engine.</summary>
    private static MultipartFormDataContent EndlessForm() => new()
    {
        { new ByteArrayContent(ImageEncoder.Encode(RgbImage.Filled(80, 60, 30, 90, 160), EncodedFormat.Png)), "photo", "photo.png" },
        { new StringContent("udnie"), "style" },
        { new StringContent("64"), "maxSide" },
        { new StringContent(7000.ToString(CultureInfo.InvariantCulture)), "iterations" },
    };

    private sealed record Created(string Id, string? Secret);
}
