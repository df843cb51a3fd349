using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Limits;

/// <summary>
/// Rate limits per client (issue 18 point 1): past a limit the answer is 429 with Retry-After and a problem that says
/// what was limited, while another client (another address, another owner cookie) goes on. The app runs with low
/// limits from configuration; addresses come from a trusted proxy's X-Forwarded-For, as in production.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RateLimitTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task Live_frames_past_the_limit_are_429_with_retry_after_and_another_address_goes_on()
    {
        await using var site = Site(("StyleGallery:RateLimits:LiveFrames:Permits", "3"));
        using var client = site.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) first.Add(await PostFrameAsync(client, "203.0.113.1"));
        using var refused = await SendFrameAsync(client, "203.0.113.1");
        var other = await PostFrameAsync(client, "203.0.113.2");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, first);
        await AssertRateLimitedAsync(refused, "live frames");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other);
    }

    [Fact]
    public async Task Jobs_are_limited_per_owner_cookie_and_another_browser_goes_on()
    {
        await using var site = Site(("StyleGallery:RateLimits:Jobs:Permits", "2"));
        using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var other = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await GetOwnerCookieAsync(browser);
        await GetOwnerCookieAsync(other);

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++) first.Add(await PostJobAsync(browser));
        using var refused = await browser.PostAsync("/api/jobs", JobForm());
        var second = await PostJobAsync(other);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, first);
        await AssertRateLimitedAsync(refused, "paintings started");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second);
    }

    [Fact]
    public async Task New_hub_connections_are_limited_per_address()
    {
        await using var site = Site(("StyleGallery:RateLimits:Connections:Permits", "2"));
        using var client = site.CreateClient();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++) first.Add((await NegotiateAsync(client, "203.0.113.1")).StatusCode);
        using var refused = await NegotiateAsync(client, "203.0.113.1");
        using var other = await NegotiateAsync(client, "203.0.113.2");

        Assert.All(first, s => Assert.Equal(HttpStatusCode.OK, s));
        await AssertRateLimitedAsync(refused, "new connections");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_address_is_limited_however_many_owner_cookies_it_fetches()
    {
        await using var site = Site(("StyleGallery:RateLimits:Jobs:Permits", "1"), ("StyleGallery:RateLimits:AddressFactor", "2"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var browser = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
            await GetOwnerCookieAsync(browser);
            statuses.Add(await PostJobAsync(browser));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..2]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public void A_service_refuses_an_owner_past_the_limit_and_not_another_one()
    {
        using var limiter = new ClientRateLimiter(new RateLimitSettings { Videos = new RateLimit { Permits = 2, Window = TimeSpan.FromMinutes(10) } });

        limiter.Acquire(RateLimitPolicy.Videos, "owner-a");
        limiter.Acquire(RateLimitPolicy.Videos, "owner-a");
        var refused = Assert.Throws<RateLimitedException>(() => limiter.Acquire(RateLimitPolicy.Videos, "owner-a"));
        limiter.Acquire(RateLimitPolicy.Videos, "owner-b");

        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Contains("Too many videos uploaded", refused.Message);
        var response = new DefaultHttpContext().Response;
        var problem = EngineRefusals.Problem(refused, response);
        Assert.Equal(StatusCodes.Status429TooManyRequests, Assert.IsType<IStatusCodeHttpResult>(problem, exactMatch: false).StatusCode);
        Assert.True(int.Parse(response.Headers.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private WebApplicationFactory<Program> Site(params (string Key, string Value)[] settings) => app.BehindProxy(settings);

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, string what)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("Too many " + what, problem!.Detail);
    }

    private static async Task<HttpStatusCode> PostFrameAsync(HttpClient client, string address)
    {
        using var response = await SendFrameAsync(client, address);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SendFrameAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/live/frames?style=wave") { Content = new ByteArrayContent([1, 2, 3]) };
        return await client.SendAsync(request.From(address));
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/jobs/negotiate?negotiateVersion=1");
        return await client.SendAsync(request.From(address));
    }

    private static async Task<HttpStatusCode> PostJobAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/jobs", JobForm());
        return response.StatusCode;
    }

    /// <summary>A job with a photo that is no picture: refused (400) by the app, but only after the rate limit let it in.</summary>
    private static MultipartFormDataContent JobForm() => new()
    {
        { new ByteArrayContent([1, 2, 3, 4]), "photo", "photo.jpg" },
        { new StringContent("candy"), "style" },
    };

    private static async Task GetOwnerCookieAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mine");
        request.Headers.Add("Accept", "text/html");
        using var response = await client.SendAsync(request);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(OwnerToken.CookieName + "=", StringComparison.Ordinal));
    }
}
