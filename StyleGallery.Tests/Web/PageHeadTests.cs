using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

/// <summary>
/// Issue 25's accessibility and search details, on the server-rendered pages: each has exactly one <c>main</c> landmark
/// (axe's <c>landmark-one-main</c>) and one meta description of its own; a picture's share page previews it in chat apps
/// (OpenGraph and Twitter tags, with the picture's real size).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed partial class PageHeadTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/studio")]
    [InlineData("/live")]
    [InlineData("/video")]
    [InlineData("/explore")]
    [InlineData("/mine")]
    public async Task A_page_has_one_main_landmark_and_one_description(string path)
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(path);

        Assert.Single(MainElements().Matches(html));
        var description = Assert.Single(Descriptions().Matches(html));
        Assert.True(description.Groups[1].Value.Length >= 30, $"{path}: '{description.Groups[1].Value}' is no description");
    }

    [Fact]
    public async Task Every_page_describes_itself_differently()
    {
        using var client = app.CreateClient();
        var descriptions = new List<string>();

        foreach (var path in new[] { "/", "/studio", "/live", "/video", "/explore", "/mine" })
            descriptions.Add(Descriptions().Match(await client.GetStringAsync(path)).Groups[1].Value);

        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
    }

    [Fact]
    public async Task A_share_page_previews_its_picture_with_the_pictures_real_size_type_title_and_description()
    {
        var quick = app.Services.GetRequiredService<IQuickStyleService>();
        var photo = ImageEncoder.Encode(TestImages.Gradient(96, 64), EncodedFormat.Png);
        var made = await quick.StylizeAsync(photo, "udnie", new FastStyleOptions(), owner: null, CancellationToken.None);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync($"/r/{made.Id}");

        var tags = MetaTags().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var image = new Uri(tags["og:image"]);
        using var response = await client.GetAsync(image.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tags["og:image:type"], response.Content.Headers.ContentType?.MediaType);
        var picture = ImageDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((picture.Width, picture.Height), (int.Parse(tags["og:image:width"], CultureInfo.InvariantCulture), int.Parse(tags["og:image:height"], CultureInfo.InvariantCulture)));
        Assert.NotEqual(picture.Width, picture.Height); // a square picture would not tell width from height
        Assert.Equal(tags["twitter:image"], tags["og:image"]);
        Assert.Equal("summary_large_image", tags["twitter:card"]);
        Assert.Contains("Udnie", tags["og:title"]);
        Assert.Contains("Udnie", tags["og:description"]);
        Assert.Equal($"http://localhost/r/{made.Id}", tags["og:url"]);
    }

    [Fact]
    public async Task A_share_page_without_a_picture_claims_no_size()
    {
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/r/AbCdEfGhIjKlMnOpQrStUv");

        var tags = MetaTags().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("og:image", tags);
        Assert.DoesNotContain("og:image:width", tags);
        Assert.DoesNotContain("og:image:height", tags);
    }

    /// <summary>A <c>meta</c> tag's property (OpenGraph) or name (Twitter) and its content.</summary>
    [GeneratedRegex("<meta (?:property|name)=\"((?:og|twitter):[^\"]+)\" content=\"([^\"]*)\"")]
    private static partial Regex MetaTags();

    [GeneratedRegex("<main[\\s>]")]
    private static partial Regex MainElements();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Descriptions();
}
