using Bunit;
using StyleGallery.Data;
using StyleGallery.Web.Components.Pages;

namespace StyleGallery.Tests.Web.Data;

public sealed class ResultPageTests : DataPage
{
    [Fact]
    public async Task A_finished_picture_shows_its_parameters_and_both_downloads()
    {
        var picture = await Data.AddPictureAsync("someone-else-token-000");

        var page = Render<ResultPage>(p => p.Add(c => c.Id, picture.Id));

        page.WaitForElement("[data-testid=picture-facts]");
        var facts = page.Find("[data-testid=picture-facts]").TextContent;
        Assert.Contains("Udnie 75 % + The Great Wave 25 %", facts);
        Assert.Contains("64 × 48 px", facts);
        Assert.Contains("7 of 7", facts);
        Assert.Contains("Default, seed 42", facts.Replace("Noise", "Default"));
        Assert.Equal($"/results/{picture.Id}.png?download", page.Find("[data-testid=download-png]").GetAttribute("href"));
        Assert.Equal($"/results/{picture.Id}.jpg?download", page.Find("[data-testid=download-jpeg]").GetAttribute("href"));
        Assert.Equal($"/results/{picture.Id}.content.thumb-small-120.jpg", page.Find("[data-testid=sources] img").GetAttribute("src"));
        Assert.Empty(page.FindAll("[data-testid=publish-toggle]"));
    }

    [Fact]
    public async Task The_picture_carries_its_own_size_so_the_page_never_shows_it_larger() // issue 25
    {
        var picture = await Data.AddPictureAsync(Me);

        var page = Render<ResultPage>(p => p.Add(c => c.Id, picture.Id));

        var img = page.WaitForElement("[data-testid=picture]");
        Assert.Equal(("64", "48"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal($"/results/{picture.Id}.png", img.GetAttribute("src")); // the picture itself: the page is where a person asked for it
    }

    [Fact]
    public async Task The_owner_gets_the_publish_toggle()
    {
        var picture = await Data.AddPictureAsync(Me);

        var page = Render<ResultPage>(p => p.Add(c => c.Id, picture.Id));

        page.WaitForElement("[data-testid=publish-toggle]");
    }

    [Fact]
    public async Task A_failed_picture_shows_why_and_offers_no_download()
    {
        var picture = TestDataFolder.NewPicture(Me, PictureStatus.Failed);
        picture.Error = "The server restarted while this picture was being painted.";
        await Data.Pictures.AddAsync(picture);

        var page = Render<ResultPage>(p => p.Add(c => c.Id, picture.Id));

        page.WaitForAssertion(() => Assert.Contains("The server restarted", page.Find("[data-testid=picture-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=download-png]"));
    }

    [Theory]
    [InlineData("AbCdEfGhIjKlMnOpQrStUv")]
    [InlineData("../../etc/passwd")]
    public void An_unknown_id_gets_a_friendly_not_found_view(string id)
    {
        var page = Render<ResultPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.Contains("This picture is not here", page.Find("[data-testid=not-found]").TextContent));
    }

    [Fact]
    public async Task Copy_share_link_writes_the_absolute_link_to_the_clipboard()
    {
        var picture = await Data.AddPictureAsync(Me);
        var page = Render<ResultPage>(p => p.Add(c => c.Id, picture.Id));

        page.WaitForElement("[data-testid=copy-link]").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal($"http://localhost/r/{picture.Id}", call.Arguments[0]);
    }
}
