using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Components.Gallery;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web.Data;

public sealed class AddStyleDialogTests : DataPage
{
    [Fact]
    public async Task Without_a_file_it_asks_for_one()
    {
        var dialog = await OpenAsync();

        dialog.Find("[data-testid=add-style-save]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("Choose a picture of the painting first.", dialog.Find("[data-testid=add-style-error]").TextContent));
    }

    [Fact]
    public async Task Without_a_title_it_asks_for_one()
    {
        var dialog = await OpenAsync();
        Upload(dialog, Painting(), "x.png");
        dialog.Find("input[data-testid=style-title]").Input("   ");

        dialog.Find("[data-testid=add-style-save]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("Give the painting a title.", dialog.Find("[data-testid=add-style-error]").TextContent));
        Assert.Empty(Data.UserStyles.All());
    }

    [Fact]
    public async Task A_corrupt_painting_gets_a_friendly_error_and_stores_nothing()
    {
        var dialog = await OpenAsync();
        Upload(dialog, [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3], "broken.png");
        dialog.Find("input[data-testid=style-title]").Input("Broken");

        dialog.Find("[data-testid=add-style-save]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("picture", dialog.Find("[data-testid=add-style-error]").TextContent));
        Assert.DoesNotContain("Exception", dialog.Markup);
        Assert.Empty(Data.UserStyles.All());
        var paintings = Path.Combine(Data.Folder, "paintings");
        Assert.True(!Directory.Exists(paintings) || Directory.GetFiles(paintings).Length == 0, "no painting file was stored");
    }

    [Fact]
    public async Task A_good_painting_becomes_an_optimise_only_style_with_its_file()
    {
        var dialog = await OpenAsync();
        Upload(dialog, Painting(), "sunflowers.png");
        dialog.Find("input[data-testid=style-artist]").Change("Vincent");

        dialog.Find("[data-testid=add-style-save]").Click();

        dialog.WaitForAssertion(() => Assert.Single(Data.UserStyles.All()));
        var record = Data.UserStyles.All()[0];
        Assert.Equal(("sunflowers", "Vincent", Me), (record.Title, record.Artist, record.Owner));
        var style = Assert.Single(Services.GetRequiredService<UserStyleService>().All());
        Assert.False(style.HasFastNetwork);
        var file = Services.GetRequiredService<UserPaintingFiles>().Find(record.Id);
        Assert.Equal((48, 32), ImageDecoder.DecodeFile(file!) is var p ? (p.Width, p.Height) : default);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<AddStyleDialog>("Add your own style"));
        provider.WaitForElement("[data-testid=add-style-save]");
        return provider;
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> dialog, byte[] bytes, string name) =>
        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, name, contentType: "image/png"));

    private static byte[] Painting() => ImageEncoder.Encode(RgbImage.Filled(48, 32, 250, 200, 20), EncodedFormat.Png);
}
