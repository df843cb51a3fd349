using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>The real app: a tiny training started through the launcher ends as a style of the gallery, with its painting.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingLauncherTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>, IDisposable
{
    private readonly TrainingFixture _photos = new(photos: 3);

    public void Dispose() => _photos.Dispose();

    [Fact]
    public async Task A_tiny_training_from_a_painting_becomes_its_trainer_s_gallery_style_with_that_painting()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:TrainingPhotosDirectory", _photos.Photos));
        var launcher = site.Services.GetRequiredService<ITrainingLauncher>();
        var engine = site.Services.GetRequiredService<IStyleEngineClient>();
        Assert.Null(launcher.WhyUnavailable("udnie"));

        var launched = await launcher.StartAsync("udnie", "Tiny Udnie", TrainingFixture.Tiny, "owner-a", CancellationToken.None);
        var job = await engine.WaitUntilFinishedAsync(launched.JobId);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.Equal(("tiny-udnie", "owner-a", launched), (launched.StyleId, launched.Owner, launcher.Find(launched.JobId)));
        var library = site.Services.GetRequiredService<IStyleLibrary>();
        var style = Assert.Single(library.StylesFor("owner-a"), s => s.Id == "tiny-udnie");
        Assert.Equal(("Tiny Udnie", true, "/paintings/tiny-udnie", false), (style.Title, style.HasFastNetwork, style.PaintingUrl, style.Published));
        Assert.DoesNotContain(library.InstalledStyles(), s => s.Id == "tiny-udnie"); // private to its trainer until published
        Assert.DoesNotContain(library.StylesFor("owner-b"), s => s.Id == "tiny-udnie");
        using var client = site.CreateClient();
        var painting = await client.GetByteArrayAsync("/paintings/tiny-udnie");
        Assert.Equal(await client.GetByteArrayAsync("/paintings/udnie"), painting);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/jobs/{launched.JobId}/preview.png")).StatusCode);
        Assert.Contains("exists already", (await launcher.CheckNameAsync("Tiny Udnie")).Problem);

        var trained = site.Services.GetRequiredService<TrainedStyleService>();
        Assert.False(await trained.DeleteAsync("tiny-udnie", "owner-b"));
        Assert.False(await trained.DeleteAsync("tiny-udnie", null));
        Assert.Contains(library.StylesFor("owner-a"), s => s.Id == "tiny-udnie");
        Assert.True(await trained.DeleteAsync("tiny-udnie", "owner-a"));
        Assert.DoesNotContain(library.StylesFor("owner-a"), s => s.Id == "tiny-udnie");
        Assert.DoesNotContain(engine.FastStyles(), s => s.Id == "tiny-udnie");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/paintings/tiny-udnie")).StatusCode);
        Assert.Null((await launcher.CheckNameAsync("Tiny Udnie")).Problem);
    }

    [Fact]
    public async Task Names_and_unavailable_paintings_are_refused_with_a_message()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:TrainingPhotosDirectory", _photos.Photos));
        var launcher = site.Services.GetRequiredService<ITrainingLauncher>();

        Assert.Contains("exists already", (await launcher.CheckNameAsync("Udnie")).Problem);
        var error = await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("no-such-style", "Whatever", TrainingFixture.Tiny, "owner-a", CancellationToken.None));
        Assert.Equal("This style has no painting to learn from.", error.Message);
        var cookieless = await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("udnie", "Whatever", TrainingFixture.Tiny, null, CancellationToken.None));
        Assert.Contains("needs this site's cookie", cookieless.Message);
    }

    [Fact]
    public async Task Without_a_photo_folder_training_is_off_and_says_why()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:TrainingPhotosDirectory", Path.Combine(_photos.Root, "missing")));

        var reason = site.Services.GetRequiredService<ITrainingLauncher>().WhyUnavailable("udnie");

        Assert.Contains("TrainingPhotosDirectory", reason);
    }
}
