using System.Text.RegularExpressions;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web;

/// <summary>
/// Issue 25's accessibility and search details, on the server-rendered pages: each has exactly one <c>main</c> landmark
/// (axe's <c>landmark-one-main</c>) and one meta description of its own.
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

    [GeneratedRegex("<main[\\s>]")]
    private static partial Regex MainElements();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Descriptions();
}
