using Bunit;
using MudBlazor;
using StyleGallery.Data;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Components.Pages;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Tests.Web.Data;

public sealed class MinePageTests : DataPage
{
    [Fact]
    public async Task Shows_only_this_browsers_pictures_newest_first()
    {
        var older = await Data.AddPictureAsync(Me, created: DateTimeOffset.UtcNow.AddHours(-1));
        var newer = await Data.AddPictureAsync(Me, PictureStatus.Running);
        await Data.AddPictureAsync("someone-else-token-000");

        var page = Render<MinePage>();

        page.WaitForAssertion(() => Assert.Equal([newer.Id, older.Id], page.FindAll("[data-testid=picture-card]").Select(c => c.GetAttribute("data-id"))));
        Assert.Contains("Udnie 75 % + The Great Wave 25 %", page.Markup);
        Assert.Equal(["Painting", "Finished"], page.FindAll("[data-testid=picture-status]").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public async Task Says_how_much_of_its_storage_the_browser_uses()
    {
        var picture = TestDataFolder.NewPicture(Me);
        picture.Bytes = 1536 * 1024;
        await Data.Pictures.AddAsync(picture);
        var painting = UserPaintingFiles.NewId();
        Data.Files.Write($"paintings/{painting}.jpg", new byte[512 * 1024]);
        await Data.UserStyles.AddAsync(new UserStyleRecord { Id = painting, Title = "Mine", Owner = Me, CreatedAt = DateTimeOffset.UtcNow });

        var page = Render<MinePage>();

        page.WaitForAssertion(() => Assert.Equal(
            "Your pictures and paintings take 2 MB of the 1 GB this browser may keep.",
            page.Find("[data-testid=storage-used]").TextContent.Trim()));
    }

    [Fact]
    public void A_browser_without_pictures_is_invited_to_make_one()
    {
        var page = Render<MinePage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=no-pictures]")));
    }

    [Fact]
    public async Task Delete_after_confirming_removes_the_record_and_every_file()
    {
        var picture = await Data.AddPictureAsync(Me);
        picture = (await Data.Pictures.FindAsync(picture.Id))!;
        Assert.NotNull(await Data.Results.ThumbnailAsync(picture.Id, new ThumbnailVariant(ThumbnailShape.Card, 480, EncodedFormat.Webp)));
        Assert.NotNull(await Data.Results.ContentThumbnailAsync(picture.Id, new ThumbnailVariant(ThumbnailShape.Small, 120, EncodedFormat.Jpeg)));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MinePage>();

        page.WaitForElement("[data-testid=delete]").Click();
        dialogs.WaitForElement(".mud-message-box__yes-button").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=no-pictures]")));
        Assert.Null(await Data.Pictures.FindAsync(picture.Id));
        Assert.Empty(Directory.GetFiles(Path.Combine(Data.Folder, "results"), picture.Id + "*"));
    }

    [Fact]
    public async Task Only_the_owner_can_delete_whatever_the_page_asks()
    {
        var theirs = await Data.AddPictureAsync("someone-else-token-000");
        var ownership = Services.GetService<StyleGallery.Web.Services.Pictures.PictureOwnership>();

        var deleted = await ownership!.DeleteAsync(theirs.Id, Me);
        var published = await ownership.SetPublishedAsync(theirs.Id, Me, true);

        Assert.False(deleted);
        Assert.False(published);
        Assert.NotNull(await Data.Pictures.FindAsync(theirs.Id));
        Assert.NotNull(Data.Results.Find(theirs.Id));
        Assert.Empty(Studio.Deleted);
    }

    [Fact]
    public async Task The_publish_toggle_publishes_the_picture()
    {
        var picture = await Data.AddPictureAsync(Me);
        var page = Render<MinePage>();

        page.WaitForElement("input[data-testid=publish-toggle]").Change(true);

        page.WaitForAssertion(() => Assert.True(Data.Pictures.FindAsync(picture.Id).Result!.Published));
    }

    [Fact]
    public void Lists_this_browsers_prints_with_their_download_and_deletes_one_after_confirming()
    {
        Prints.Owners["print-1"] = Me;
        Prints.Owners["print-2"] = Me;
        Prints.Owners["print-3"] = "someone-else-token-000";
        Prints.Finished.Add("print-1");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MinePage>();

        page.WaitForAssertion(() => Assert.Equal(["print-1", "print-2"], page.FindAll("[data-testid=my-print]").Select(c => c.GetAttribute("data-id"))));
        Assert.Equal(["Ready, 3.3 MB", "No file yet"], page.FindAll("[data-testid=my-print-status]").Select(s => s.TextContent.Trim()));
        Assert.Equal("/prints/print-1.png", Assert.Single(page.FindAll("[data-testid=my-print-download]")).GetAttribute("href"));
        page.FindAll("[data-testid=delete-print]")[0].Click();
        dialogs.WaitForElement(".mud-message-box__yes-button").Click();

        page.WaitForAssertion(() => Assert.Equal(["print-2"], page.FindAll("[data-testid=my-print]").Select(c => c.GetAttribute("data-id"))));
        Assert.Equal(["print-1"], Prints.Deleted);
    }
}
