using Bunit;
using StyleGallery.Web.Components.Results;

namespace StyleGallery.Tests.Web.Data;

public sealed class PublishToggleTests : DataPage
{
    [Fact]
    public async Task The_owner_lists_a_private_picture_on_explore_and_the_caption_says_so()
    {
        var picture = await Data.AddPictureAsync(Me);
        var toggle = Render<PublishToggle>(p => p.Add(c => c.PictureId, picture.Id).Add(c => c.Published, false));
        Assert.Contains("Private: only people with the link", toggle.Find("[data-testid=publish-state]").TextContent);

        toggle.Find("input[data-testid=publish-toggle]").Change(true);

        toggle.WaitForAssertion(() => Assert.Contains("Listed on Explore", toggle.Find("[data-testid=publish-state]").TextContent));
        Assert.True((await Data.Pictures.FindAsync(picture.Id))!.Published);
    }

    [Fact]
    public async Task Someone_elses_picture_stays_private()
    {
        var picture = await Data.AddPictureAsync("someone-else-token-000");
        var toggle = Render<PublishToggle>(p => p.Add(c => c.PictureId, picture.Id).Add(c => c.Published, false));

        toggle.Find("input[data-testid=publish-toggle]").Change(true);

        toggle.WaitForAssertion(() => Assert.False(toggle.Find("input[data-testid=publish-toggle]").HasAttribute("disabled")));
        Assert.Contains("Private", toggle.Find("[data-testid=publish-state]").TextContent);
        Assert.False((await Data.Pictures.FindAsync(picture.Id))!.Published);
    }
}
