using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Components.Pages;

namespace StyleGallery.Tests.Web.Data;

public sealed class ExplorePageTests : DataPage
{
    [Fact]
    public async Task Shows_twelve_published_pictures_a_page_and_the_page_from_the_url()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = new List<string>();
        for (var i = 0; i < 13; i++) ids.Add((await Data.AddPictureAsync($"owner-{i}", published: true, created: start.AddMinutes(i))).Id);
        await Data.AddPictureAsync(Me, published: false);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = Render<ExplorePage>();

        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=picture-card]").Count));
        Assert.Equal(ids[12], page.FindAll("[data-testid=picture-card]")[0].GetAttribute("data-id"));
        Assert.Empty(page.FindAll("[data-testid=delete]"));
        navigation.NavigateTo("/explore?page=2");
        page.WaitForAssertion(() => Assert.Equal([ids[0]], page.FindAll("[data-testid=picture-card]").Select(c => c.GetAttribute("data-id"))));
    }

    [Fact]
    public async Task Choosing_a_page_puts_it_in_the_url()
    {
        for (var i = 0; i < 13; i++) await Data.AddPictureAsync($"owner-{i}", published: true);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<ExplorePage>();

        page.WaitForElement("[aria-label='Go to page 2'], button[aria-label*='2']").Click();

        Assert.EndsWith("/explore?page=2", navigation.Uri);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("99999999999")]
    [InlineData("2147483647")]
    public async Task A_page_number_that_is_no_page_shows_a_page_instead_of_failing(string page)
    {
        await Data.AddPictureAsync("owner", published: true);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/explore?page=" + page);

        var rendered = Render<ExplorePage>();

        var expected = page == "2147483647" ? 0 : 1; // a page past the last, else the first page
        rendered.WaitForAssertion(() => Assert.Equal(expected, rendered.FindAll("[data-testid=picture-card]").Count));
    }

    [Fact]
    public void With_nothing_published_it_says_so()
    {
        var page = Render<ExplorePage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=nothing-published]")));
    }
}
