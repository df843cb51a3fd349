using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web;

/// <summary>
/// The headers every answer carries, users' files as their own types (attachments when a download button asks),
/// HSTS and the owner cookie's Secure only over HTTPS, and X-Forwarded-* believed only from a configured proxy
/// (issue 18, points 4 and 5). HSTS is for production: the tests that look for it run the app as Production.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SecurityHeadersTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/results/AbCdEfGhIjKlMnOpQrStUv.png")]
    [InlineData("/api/jobs/AbCdEfGhIjKlMnOpQrStUv")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url);

        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[]
        {
            "default-src 'self'", "script-src 'self';", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
            "connect-src 'self' ws://localhost wss://localhost", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
        })
            Assert.Contains(directive, csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    [Fact]
    public async Task A_result_is_served_as_a_picture_and_as_an_attachment_when_downloaded()
    {
        var id = ResultStore.NewId();
        app.Services.GetRequiredService<ResultStore>().Save(id, RgbImage.Filled(8, 6, 10, 20, 30));
        using var client = app.CreateClient();

        using var shown = await client.GetAsync(ResultStore.UrlOf(id));
        using var png = await client.GetAsync(ResultStore.UrlOf(id) + "?download");
        using var jpeg = await client.GetAsync(ResultStore.JpegUrlOf(id) + "?download");

        Assert.Equal(("image/png", null), (shown.Content.Headers.ContentType?.MediaType, shown.Content.Headers.ContentDisposition));
        Assert.Equal("nosniff", Header(shown, "X-Content-Type-Options"));
        Assert.Equal(("image/png", "attachment", $"stylegallery-{id}.png"),
            (png.Content.Headers.ContentType?.MediaType, png.Content.Headers.ContentDisposition?.DispositionType, png.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        Assert.Equal(("image/jpeg", "attachment", $"stylegallery-{id}.jpg"),
            (jpeg.Content.Headers.ContentType?.MediaType, jpeg.Content.Headers.ContentDisposition?.DispositionType, jpeg.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
    }

    [Fact]
    public async Task Over_https_the_answer_has_hsts_and_the_owner_cookie_is_secure_httponly_and_lax()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = site.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.SendAsync(PageRequest());

        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
        var cookie = OwnerCookie(response);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
    }

    [Fact]
    public async Task Over_http_the_owner_cookie_is_httponly_and_lax_but_not_secure()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(PageRequest());

        var cookie = OwnerCookie(response);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("secure", cookie);
    }

    [Theory]
    [InlineData(Proxy, true)]
    [InlineData("10.0.0.6", false)]
    public async Task Forwarded_https_is_believed_only_from_a_configured_proxy(string from, bool believed)
    {
        await using var site = app.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("StyleGallery:KnownProxies:0", Proxy);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ConnectionFrom(IPAddress.Parse(from))));
        });
        using var client = site.CreateClient();
        using var request = PageRequest();
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(believed, response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(believed, OwnerCookie(response).Contains("secure"));
    }

    [Fact]
    public async Task Without_configured_proxies_forwarded_headers_are_ignored_even_from_loopback()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseEnvironment("Production")
            .ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ConnectionFrom(IPAddress.Loopback))));
        using var client = site.CreateClient();
        using var request = PageRequest();
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", OwnerCookie(response));
    }

    private static HttpRequestMessage PageRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept", "text/html");
        return request;
    }

    /// <summary>The owner cookie's attributes ("httponly", "samesite=lax" …), lower case, without its value.</summary>
    private static IReadOnlyList<string> OwnerCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Single(c => c.StartsWith(OwnerToken.CookieName + "=", StringComparison.Ordinal))
                .Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList()
            : throw new InvalidOperationException("No owner cookie was set.");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new InvalidOperationException($"No {name} header.");

    /// <summary>The test server has no socket; this gives its requests the peer address a real connection would.</summary>
    private sealed class ConnectionFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(builder);
        };
    }
}
