using Bunit;
using StyleGallery.Data;
using StyleGallery.Engine.Fast;
using StyleGallery.Web.Components.Results;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Tests.Web;

public sealed class PictureFactsTests : BunitPage
{
    [Fact]
    public void A_fast_picture_lists_its_size_colours_and_strength()
    {
        var facts = Render<PictureFacts>(p => p.Add(c => c.Picture, FastPicture(new FastStyleOptions { MaxSide = 800, PreserveColors = true, Strength = 0.65 })));

        var rows = Rows(facts);
        Assert.Equal("up to 800 px", rows["Longest side"]);
        Assert.Equal("yes", rows["Keep photo colours"]);
        Assert.Equal("65 %", rows["Style strength"]);
    }

    [Fact]
    public void A_picture_recorded_before_strength_existed_shows_full_strength()
    {
        var picture = FastPicture(new FastStyleOptions());
        picture.ParametersJson = """{"MaxSide":1024,"PreserveColors":true,"Precision":"BFloat16"}""";

        var facts = Render<PictureFacts>(p => p.Add(c => c.Picture, picture));

        Assert.Equal(("100 %", "yes"), (Rows(facts)["Style strength"], Rows(facts)["Keep photo colours"]));
    }

    private static PictureRecord FastPicture(FastStyleOptions look) => new()
    {
        Id = "p1",
        Kind = PictureKind.Fast,
        Status = PictureStatus.Succeeded,
        Styles = [new PictureStyle { StyleId = "udnie" }],
        ParametersJson = PictureParameters.Of(look),
        Width = 64,
        Height = 48,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Dictionary<string, string> Rows(IRenderedComponent<PictureFacts> facts) =>
        facts.FindAll("tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
}
