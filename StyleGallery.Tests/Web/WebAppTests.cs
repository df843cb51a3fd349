using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

/// <summary>The real app in-process, with a temporary data folder and models copied from ../shared (offline).</summary>
public sealed class StyleGalleryAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _keepData;

    public StyleGalleryAppFactory()
        : this(Path.Combine(Path.GetTempPath(), "sg-web-" + Guid.NewGuid().ToString("N")), keepData: false)
    {
    }

    private StyleGalleryAppFactory(string dataDirectory, bool keepData, IReadOnlyDictionary<string, string>? settings = null)
    {
        (DataDirectory, _keepData, Settings) = (dataDirectory, keepData, settings ?? new Dictionary<string, string>());
    }

    /// <summary>An app over a given data folder, e.g. the second life of a restart test; <paramref name="keepData"/> leaves it behind.</summary>
    public static StyleGalleryAppFactory Over(string dataDirectory, bool keepData, IReadOnlyDictionary<string, string>? settings = null) =>
        new(dataDirectory, keepData, settings);

    public string DataDirectory { get; }

    private IReadOnlyDictionary<string, string> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("StyleGallery:DataDirectory", DataDirectory);
        builder.UseSetting("StyleGallery:Engine:MirrorDirectory", SharedData.Models);
        builder.UseSetting("StyleGallery:Engine:AllowDownloads", "false");
        builder.UseSetting("StyleGallery:InstallModelsOnStart", "false");
        builder.UseSetting("StyleGallery:Engine:PaintingMirrorDirectory", SharedData.Styles);
        builder.UseSetting("StyleGallery:SamplePhotosDirectory", Path.Combine(SharedData.Root, "images", "content"));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // pooled connections keep the database file open
        if (!_keepData && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}

[Collection(TorchCollection.Name)]
public sealed class WebAppTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task The_first_page_and_the_health_check_answer()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/");
        var health = await client.GetStringAsync("/healthz");

        Assert.Contains("<title>StyleGallery</title>", page);
        Assert.Contains("Turn a photo into a painting", page);
        Assert.Equal("Healthy", System.Text.Json.JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        Assert.Contains("\"database\"", health); // each check by name, so an operator sees which part is down
    }

    [Fact]
    public async Task A_result_page_carries_opengraph_tags_pointing_at_its_picture()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/r/AbCdEfGhIjKlMnOpQrStUv");

        Assert.Contains("property=\"og:image\" content=\"http://localhost/api/jobs/AbCdEfGhIjKlMnOpQrStUv/result.png\"", page);
        Assert.Contains("name=\"twitter:card\" content=\"summary_large_image\"", page);
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_so_it_cannot_write_the_share_links()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/r/AbCdEfGhIjKlMnOpQrStUv");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Share_links_and_preview_tags_use_the_configured_public_address()
    {
        await using var configured = StyleGalleryAppFactory.Over(
            Path.Combine(Path.GetTempPath(), "sg-public-" + Guid.NewGuid().ToString("N")), keepData: false,
            new Dictionary<string, string> { ["StyleGallery:PublicBaseUrl"] = "https://style.example/" });
        using var client = configured.CreateClient();

        var page = await client.GetStringAsync("/r/AbCdEfGhIjKlMnOpQrStUv");

        Assert.Contains("property=\"og:image\" content=\"https://style.example/api/jobs/AbCdEfGhIjKlMnOpQrStUv/result.png\"", page);
        Assert.Contains("property=\"og:url\" content=\"https://style.example/r/AbCdEfGhIjKlMnOpQrStUv\"", page);
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/css/app.css")]
    [InlineData("/favicon.svg")]
    [InlineData("/js/paste.js")]
    public async Task The_scripts_and_styles_the_page_needs_are_served(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_styles_painting_is_served_from_the_catalogues_file_name()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/paintings/scream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new FileInfo(SharedData.Style("the_scream.jpg")).Length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_painting_without_a_fast_style_installs_on_first_request_and_becomes_a_gallery_style()
    {
        var library = app.Services.GetRequiredService<IStyleLibrary>();
        using var client = app.CreateClient();
        Assert.DoesNotContain(library.InstalledStyles(), s => s.Id == "painting.starry_night");

        var response = await client.GetAsync("/paintings/painting.starry_night");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllBytes(SharedData.Style("starry_night.jpg")), await response.Content.ReadAsByteArrayAsync());
        var style = Assert.Single(library.InstalledStyles(), s => s.Id == "painting.starry_night");
        Assert.Equal(("The Starry Night", "Vincent van Gogh", "1889", false), (style.Title, style.Artist, style.Year, style.HasFastNetwork));
        Assert.Equal("/paintings/painting.starry_night", style.PaintingUrl);
        Assert.Equal("Public domain", style.Licence);
    }

    [Theory]
    [InlineData("/paintings/mathura")]
    [InlineData("/paintings/vgg19-imagenet")]
    [InlineData("/results/not-an-id.png")]
    [InlineData("/results/AAAAAAAAAAAAAAAAAAAAAA.png")]
    [InlineData("/paintings/..%2F..%2Fetc%2Fpasswd")]
    public async Task Unknown_or_malformed_ids_are_404(string url)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_quick_style_runs_on_the_real_engine_and_the_picture_is_served_by_its_link()
    {
        var service = app.Services.GetRequiredService<IQuickStyleService>();
        var photo = ImageEncoder.Encode(RgbImage.Filled(60, 40, 200, 120, 40), EncodedFormat.Jpeg);

        var result = await service.StylizeAsync(photo, "udnie", new StyleGallery.Engine.Fast.FastStyleOptions(), owner: null, CancellationToken.None);

        using var client = app.CreateClient();
        var png = await client.GetByteArrayAsync(result.ImageUrl);
        var served = ImageDecoder.Decode(png);
        Assert.Equal((60, 40), (served.Width, served.Height));
        Assert.Equal((60, 40), (result.Width, result.Height));
        Assert.Equal(22, result.Id.Length);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_gets_a_friendly_message()
    {
        var service = app.Services.GetRequiredService<IQuickStyleService>();

        var e = await Assert.ThrowsAsync<UserFacingException>(() => service.StylizeAsync("%PDF-1.4"u8.ToArray(), "udnie", new StyleGallery.Engine.Fast.FastStyleOptions(), null, CancellationToken.None));

        Assert.Contains("not a picture", e.Message);
    }
}

/// <summary>Issue 24, point 10: what only helps debugging is not served in Production.</summary>
[Collection(TorchCollection.Name)]
public sealed class ProductionAssetTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const string SourceMap = "/_content/MudBlazor/MudBlazor.min.js.map";

    [Fact]
    public async Task MudBlazor_s_source_map_is_404_in_production_and_its_script_is_served()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = production.CreateClient();

        using var map = await client.GetAsync(SourceMap);
        using var script = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.js");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (map.StatusCode, script.StatusCode));
    }

    [Fact]
    public async Task The_source_map_exists_so_development_serves_it()
    {
        using var client = app.CreateClient(); // the factory's environment is Development

        using var map = await client.GetAsync(SourceMap);

        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
    }
}
