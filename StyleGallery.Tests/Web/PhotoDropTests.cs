using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class PhotoDropTests : BunitPage
{
    [Fact]
    public void A_file_over_the_limit_is_refused_with_its_size_and_the_limit()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.MaxBytes, 1024 * 1024).Add(c => c.OnPhoto, chosen.Add));

        drop.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[2 * 1024 * 1024], "huge.jpg", contentType: "image/jpeg"));

        Assert.Contains("“huge.jpg” is 2 MB; the limit is 1 MB.", drop.Find("[role=alert]").TextContent);
        Assert.Empty(chosen);
    }

    [Fact]
    public void A_chosen_file_is_handed_over_byte_for_byte_and_previewed()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.OnPhoto, chosen.Add));
        byte[] bytes = [1, 2, 3, 4, 5];

        drop.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "me.png", contentType: "image/png"));

        var photo = Assert.Single(chosen);
        Assert.Equal("me.png", photo.FileName);
        Assert.Equal(bytes, photo.Bytes);
        Assert.StartsWith("data:image/png;base64,AQIDBAU=", drop.Find("img.preview").GetAttribute("src"));
    }
}
