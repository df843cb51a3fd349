using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web;

/// <summary>The app in-process as Production, as run-app.sh runs it: from its build, with the build's static-asset manifest.</summary>
public sealed class ProductionAppFactory : IAsyncLifetime
{
    private readonly StyleGalleryAppFactory _app = new();

    public WebApplicationFactory<Program> Production { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Production = _app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Production.DisposeAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Issue 25, static assets: the stylesheets and scripts of the first page come by fingerprinted URLs, cached
/// <c>immutable</c> for a year, compressed when the browser accepts it, and a browser's revalidation (If-None-Match and
/// If-Modified-Since together) is a 304, fingerprinted or not.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed partial class StaticAssetTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task The_first_pages_stylesheets_and_scripts_are_fingerprinted_and_immutable_for_a_year()
    {
        using var client = app.Production.CreateClient();

        var assets = await PageAssetsAsync(client);

        Assert.True(assets.Count >= 5, $"only {assets.Count} stylesheets and scripts: {string.Join(", ", assets)}");
        foreach (var url in assets)
        {
            Assert.Matches(Fingerprint(), url);
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var caching = response.Headers.CacheControl;
            Assert.True(caching is { MaxAge.TotalSeconds: 31_536_000 } && caching.Extensions.Any(e => e.Name == "immutable"), $"{url}: Cache-Control {caching}");
        }
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Stylesheets_and_scripts_are_compressed_when_the_browser_accepts_it(string encoding)
    {
        using var client = app.Production.CreateClient();
        long plainBytes = 0, compressedBytes = 0;

        foreach (var url in await PageAssetsAsync(client))
        {
            var plain = await GetAsync(client, url, "identity");
            var compressed = await GetAsync(client, url, encoding);

            Assert.Null(plain.Encoding);
            Assert.Equal((encoding, true), (compressed.Encoding, compressed.Bytes < plain.Bytes));
            (plainBytes, compressedBytes) = (plainBytes + plain.Bytes, compressedBytes + compressed.Bytes);
        }

        // MudBlazor's stylesheet alone is 627 KB; together they shrink to well under a quarter.
        Assert.True(compressedBytes * 4 < plainBytes, $"{compressedBytes} bytes {encoding} of {plainBytes}");
    }

    [Theory]
    [InlineData("_content/MudBlazor/MudBlazor.min.css", true)]
    [InlineData("_framework/blazor.web.js", true)]
    [InlineData("_content/MudBlazor/MudBlazor.min.css", false)]
    [InlineData("css/app.css", false)]
    public async Task A_browsers_revalidation_with_both_conditions_is_304(string asset, bool fingerprinted)
    {
        using var client = app.Production.CreateClient();
        var url = fingerprinted ? (await PageAssetsAsync(client)).Single(u => Fingerprint().Replace(u, "") == "/" + asset) : "/" + asset;
        Assert.Equal(fingerprinted, Fingerprint().IsMatch(url));
        using var first = await SendAsync(client, url);

        using var again = await SendAsync(client, url, first.Headers.ETag, first.Content.Headers.LastModified);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Every stylesheet and script the first page links, as absolute paths.</summary>
    private static async Task<IReadOnlyList<string>> PageAssetsAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/");
        return LinkedAsset().Matches(page).Select(m => "/" + m.Groups["url"].Value.TrimStart('/')).ToList();
    }

    private static async Task<(string? Encoding, long Bytes)> GetAsync(HttpClient client, string url, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Content.Headers.ContentEncoding.SingleOrDefault(), (await response.Content.ReadAsByteArrayAsync()).LongLength);
    }

    /// <summary>A request as Chromium sends it: compressed, and when revalidating with both of the answer's validators.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, EntityTagHeaderValue? etag = null, DateTimeOffset? lastModified = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        if (etag is not null) request.Headers.IfNoneMatch.Add(etag);
        request.Headers.IfModifiedSince = lastModified;
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"(?:href|src)=""(?<url>[^""]+\.(?:css|js))""")]
    private static partial Regex LinkedAsset();

    /// <summary>The build's fingerprint in a file name: ten base-36 characters between dots.</summary>
    [GeneratedRegex(@"\.[0-9a-z]{10}(?=\.)")]
    private static partial Regex Fingerprint();
}
