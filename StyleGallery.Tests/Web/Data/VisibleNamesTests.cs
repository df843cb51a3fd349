using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web.Data;

/// <summary>Names everyone sees read as they are: control and bidi characters are refused, other scripts are welcome.</summary>
public sealed class VisibleNamesTests : DataPage
{
    private static byte[] Painting() => ImageEncoder.Encode(RgbImage.Filled(48, 32, 250, 200, 20), EncodedFormat.Png);

    [Theory]
    [InlineData("holiday\u202Egpj.lmth")] // right-to-left override
    [InlineData("a\u2066b")] // left-to-right isolate
    [InlineData("zero\u200Bwidth")]
    [InlineData("bell\u0007")]
    public async Task A_title_or_artist_with_a_hidden_character_is_refused_and_nothing_is_stored(string name)
    {
        var styles = Services.GetRequiredService<UserStyleService>();

        var title = await Assert.ThrowsAsync<UserFacingException>(() => styles.AddAsync(new NewUserStyle(Painting(), name, null, Me)));
        var artist = await Assert.ThrowsAsync<UserFacingException>(() => styles.AddAsync(new NewUserStyle(Painting(), "Fine", name, Me)));

        Assert.Equal(DisplayText.HiddenCharactersProblem, title.Message);
        Assert.Equal(DisplayText.HiddenCharactersProblem, artist.Message);
        Assert.Empty(styles.All());
        Assert.Equal(DisplayText.HiddenCharactersProblem, StyleName.From(name).Problem);
    }

    [Theory]
    [InlineData("Étoile d'Été")]
    [InlineData("東京の夜")]
    [InlineData("ليلة النجوم")]
    public async Task Names_in_any_script_are_accepted(string name)
    {
        var added = await Services.GetRequiredService<UserStyleService>().AddAsync(new NewUserStyle(Painting(), name, name, Me));

        Assert.Equal(name, added.Title);
        Assert.Null(StyleName.From(name).Problem is { } p && p == DisplayText.HiddenCharactersProblem ? p : null);
    }
}
