using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// Issue 24, point 9: a painting a visitor adds is its own until it publishes it (as pictures are), and one browser may
/// keep only so many.
/// </summary>
public sealed class PrivateStylesTests : DataPage
{
    private const string Someone = "someone-else-token-000";

    private UserStyleService Styles => Services.GetRequiredService<UserStyleService>();

    [Fact]
    public async Task An_added_painting_is_seen_by_its_owner_only_until_the_owner_publishes_it()
    {
        var added = await Styles.AddAsync(new NewUserStyle(Painting(), "My cat", null, Me));

        Assert.Contains(Styles.VisibleTo(Me), s => s.Id == added.Id);
        Assert.DoesNotContain(Styles.VisibleTo(Someone), s => s.Id == added.Id);
        Assert.DoesNotContain(Styles.VisibleTo(null), s => s.Id == added.Id);

        Assert.False(await Styles.SetPublishedAsync(added.Id, Someone, published: true));
        Assert.DoesNotContain(Styles.VisibleTo(Someone), s => s.Id == added.Id);

        Assert.True(await Styles.SetPublishedAsync(added.Id, Me, published: true));
        Assert.Contains(Styles.VisibleTo(Someone), s => s.Id == added.Id && s.Published);
        Assert.Contains(Styles.VisibleTo(null), s => s.Id == added.Id);
    }

    [Fact]
    public async Task The_owner_publishes_a_painting_from_my_pictures()
    {
        var added = await Styles.AddAsync(new NewUserStyle(Painting(), "My cat", null, Me));
        var page = Render<MinePage>();

        page.WaitForElement("input[data-testid=publish-style]").Change(true);

        page.WaitForAssertion(() => Assert.Contains(Styles.VisibleTo(Someone), s => s.Id == added.Id));
    }

    [Fact]
    public async Task A_browser_keeps_at_most_its_limit_of_styles_and_one_without_a_cookie_none()
    {
        var styles = new UserStyleService(Data.UserStyles, Services.GetRequiredService<UserPaintingFiles>(), Data.Options with { MaxUserStylesPerOwner = 2 });
        await styles.AddAsync(new NewUserStyle(Painting(), "One", null, Me));
        await styles.AddAsync(new NewUserStyle(Painting(), "Two", null, Me));

        var third = await Assert.ThrowsAsync<UserFacingException>(() => styles.AddAsync(new NewUserStyle(Painting(), "Three", null, Me)));
        var anonymous = await Assert.ThrowsAsync<UserFacingException>(() => styles.AddAsync(new NewUserStyle(Painting(), "Nobody's", null, null)));
        await styles.AddAsync(new NewUserStyle(Painting(), "Someone's", null, Someone));

        Assert.Contains("You already have 2 styles", third.Message);
        Assert.Contains("needs this site's cookie", anonymous.Message);
        Assert.Equal(3, styles.All().Count);
    }

    private static byte[] Painting() => ImageEncoder.Encode(RgbImage.Filled(48, 32, 250, 200, 20), EncodedFormat.Png);
}
