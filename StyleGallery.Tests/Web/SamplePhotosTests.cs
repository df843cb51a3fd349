using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Web.Components.Studio;
using StyleGallery.Web.Services;
using SamplePhotoRow = StyleGallery.Web.Components.Studio.SamplePhotos;
using SamplePhotoService = StyleGallery.Web.Services.SamplePhotos;

namespace StyleGallery.Tests.Web;

/// <summary>The sample photo listing (a temporary folder with a manifest) and the row that offers them.</summary>
public sealed class SamplePhotosTests : BunitPage
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samples-").FullName;

    public SamplePhotosTests()
    {
        File.WriteAllBytes(Path.Combine(_folder, "dog_samoyed.jpg"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_folder, "amber.png"), [4, 5]);
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not a photo");
        File.WriteAllText(Path.Combine(_folder, "manifest.json"),
            """[{ "file": "dog_samoyed.jpg", "description": "A Samoyed dog", "licence": "CC BY 2.0, by J. Doe" }]""");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Lists_the_pictures_by_name_with_a_title_from_the_file_name_and_the_manifests_credit()
    {
        var samples = Service(_folder).All();

        Assert.Equal(
        [
            new SamplePhoto("amber.png", "Amber", null, null),
            new SamplePhoto("dog_samoyed.jpg", "Dog samoyed", "A Samoyed dog", "CC BY 2.0, by J. Doe"),
        ], samples);
        Assert.Equal("/samples/dog_samoyed.jpg", samples[1].Url);
    }

    [Theory]
    [InlineData("./amber.png")]
    [InlineData("sub/../amber.png")]
    [InlineData("../amber.png")]
    [InlineData("notes.txt")]
    [InlineData("manifest.json")]
    [InlineData("missing.jpg")]
    public void Only_listed_names_have_a_path(string name)
    {
        Assert.Null(Service(_folder).PathOf(name));
    }

    [Fact]
    public void A_missing_folder_or_a_broken_manifest_is_no_error()
    {
        File.WriteAllText(Path.Combine(_folder, "manifest.json"), "{ not json");

        Assert.Empty(Service(Path.Combine(_folder, "nope")).All());
        Assert.Empty(Service(null).All());
        Assert.All(Service(_folder).All(), s => Assert.Null(s.Credit));
    }

    [Fact]
    public void The_row_shows_each_sample_with_its_credit_in_the_tooltip()
    {
        Services.AddSingleton(Service(_folder));

        var row = Render<SamplePhotoRow>();

        var buttons = row.FindAll("[data-testid=sample-photo]");
        Assert.Equal(2, buttons.Count);
        Assert.Equal("A Samoyed dog — CC BY 2.0, by J. Doe", buttons[1].GetAttribute("title"));
        Assert.Equal("Sample photo: A Samoyed dog", buttons[1].QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("/samples/amber.png/small-120.jpg", buttons[0].QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public void The_row_shows_thumbnails_of_the_samples_never_the_photos_themselves() // issue 25
    {
        Services.AddSingleton(Service(_folder));

        var row = Render<SamplePhotoRow>();

        var sample = row.FindAll("[data-testid=sample-photo]")[1];
        var img = sample.QuerySelector("img")!;
        Assert.Equal("/samples/dog_samoyed.jpg/small-240.webp 2x", sample.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset")!.Split(", ")[1]);
        Assert.Equal("/samples/dog_samoyed.jpg/small-120.jpg 1x, /samples/dog_samoyed.jpg/small-240.jpg 2x", img.GetAttribute("srcset"));
        Assert.Equal(("120", "120", "lazy"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading")));
        Assert.DoesNotContain("\"/samples/dog_samoyed.jpg\"", row.Markup);
    }

    [Fact]
    public void Clicking_a_sample_hands_over_its_bytes()
    {
        Services.AddSingleton(Service(_folder));
        var chosen = new List<PhotoSelected>();
        var row = Render<SamplePhotoRow>(p => p.Add(c => c.OnPhoto, chosen.Add));

        row.FindAll("[data-testid=sample-photo]")[1].Click();

        row.WaitForAssertion(() => Assert.Single(chosen));
        Assert.Equal("dog_samoyed.jpg", chosen[0].FileName);
        Assert.Equal([1, 2, 3], chosen[0].Bytes);
    }

    [Fact]
    public void Without_samples_the_row_is_not_shown()
    {
        Services.AddSingleton(Service(null));

        var row = Render<SamplePhotoRow>();

        Assert.Empty(row.FindAll("[data-testid=sample-photos]"));
    }

    private static SamplePhotoService Service(string? folder) => new(new StyleGalleryWebOptions { SamplePhotosDirectory = folder });
}
