using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Extensions;

namespace StyleGallery.Tests.Web;

/// <summary>
/// Pages are compressed for a first visit only (no cookies: nothing of a visitor's in them for BREACH to guess), and
/// nothing else is: not a page for a browser with cookies, not JSON, not a POST (issue 25, docs/web-performance.md).
/// </summary>
public sealed class HtmlCompressionTests : IAsyncLifetime
{
    private static readonly string Page = "<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<p class=\"mud-typography\">A painting</p>", 200)) + "</body></html>";

    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddHtmlCompression();
        _app = builder.Build();
        _app.UseHtmlCompression();
        _app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        _app.MapPost("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        _app.MapGet("/api/jobs/x", () => Results.Content(Page, "application/json"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br, gzip", "br")]
    public async Task A_first_visits_page_is_compressed_as_the_browser_accepts(string accept, string expected)
    {
        using var response = await SendAsync(HttpMethod.Get, "/", accept);

        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < Page.Length / 4, $"{body.Length} bytes");
        Assert.Equal(Page, Decompress(body, expected));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task A_page_for_a_browser_with_cookies_is_sent_as_it_is()
    {
        using var response = await SendAsync(HttpMethod.Get, "/", "br, gzip", cookie: ".StyleGallery.Owner=abc");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(Page, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Json_and_posts_are_sent_as_they_are()
    {
        using var json = await SendAsync(HttpMethod.Get, "/api/jobs/x", "br, gzip");
        using var post = await SendAsync(HttpMethod.Post, "/", "br, gzip");

        Assert.Empty(json.Content.Headers.ContentEncoding);
        Assert.Empty(post.Content.Headers.ContentEncoding);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string accept, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Accept-Encoding", accept);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await _client!.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
