using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>
/// The real app: "Make a live version" of a style queues a distillation whose lite style is listed right after its
/// teacher, its maker's until published; the refusals a visitor can meet say why.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DistillationLauncherTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>, IDisposable
{
    private static readonly DistillationOptions Tiny = new() { CropSize = 32, BatchSize = 1, Steps = 2, CheckpointEvery = 0 };

    private readonly TrainingFixture _photos = new(photos: 2);

    public void Dispose() => _photos.Dispose();

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Site(Action<IServiceCollection>? services = null) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("StyleGallery:TrainingPhotosDirectory", _photos.Photos);
            if (services is not null) b.ConfigureTestServices(services);
        });

    [Fact]
    public async Task A_live_version_is_listed_right_after_its_teacher_for_everyone_and_the_teacher_links_to_it()
    {
        await using var site = Site();
        var launcher = site.Services.GetRequiredService<IDistillationLauncher>();
        var engine = site.Services.GetRequiredService<IStyleEngineClient>();
        var library = site.Services.GetRequiredService<IStyleLibrary>();
        await engine.InstallModelAsync("wave"); // the catalogue's next style: listed after udnie's live version, not before it
        Assert.Null(launcher.WhyUnavailable("udnie"));

        var launched = await launcher.StartAsync("udnie", Tiny, "owner-a", CancellationToken.None);
        Assert.Equal(launched, launcher.LatestFor("udnie"));
        var job = await engine.WaitUntilFinishedAsync(launched.JobId);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var title = engine.FastStyles().Single(s => s.Id == "udnie").Title + " (lite)";
        Assert.Equal(("udnie-lite", title, "udnie", "owner-a"), (launched.StyleId, launched.Title, launched.FromStyleId, launched.Owner));
        var mine = library.StylesFor("owner-a");
        var teacher = mine.ToList().FindIndex(s => s.Id == "udnie");
        Assert.Equal("udnie-lite", mine[teacher].LiteVersionId);
        Assert.Equal(("udnie-lite", "udnie", title, true, "/paintings/udnie-lite"),
            (mine[teacher + 1].Id, mine[teacher + 1].TeacherId, mine[teacher + 1].Title, mine[teacher + 1].HasFastNetwork, mine[teacher + 1].PaintingUrl));
        Assert.All(mine.Where(s => s.Id != "udnie"), s => Assert.Null(s.LiteVersionId));
        var others = library.StylesFor("owner-b");
        Assert.Contains(others, s => s.Id == "udnie-lite"); // a catalogue style's live version is everyone's
        Assert.Equal("udnie-lite", Assert.Single(others, s => s.Id == "udnie").LiteVersionId);
        Assert.Contains("has a live version already", launcher.WhyUnavailable("udnie"));
        Assert.Equal("This is a live version already.", launcher.WhyUnavailable("udnie-lite"));
        using var client = site.CreateClient();
        Assert.Equal(await client.GetByteArrayAsync("/paintings/udnie"), await client.GetByteArrayAsync("/paintings/udnie-lite"));
        var again = await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("udnie", Tiny, "owner-b", CancellationToken.None));
        Assert.Contains("has a live version already", again.Message);
    }

    [Fact]
    public async Task A_cancelled_live_version_is_never_listed_and_the_browser_may_make_another()
    {
        await using var site = Site();
        var launcher = site.Services.GetRequiredService<IDistillationLauncher>();
        var engine = site.Services.GetRequiredService<IStyleEngineClient>();

        var launched = await launcher.StartAsync("wave", Tiny with { Steps = 100_000 }, "eve", CancellationToken.None);
        var busy = await Assert.ThrowsAsync<OwnerLimitException>(() => launcher.StartAsync("scream", Tiny, "eve", CancellationToken.None));
        Assert.Contains("1 live version being made", busy.Message);
        Assert.False(await launcher.CancelAsync(launched.JobId, "mallory"));
        Assert.True(await launcher.CancelAsync(launched.JobId, "eve"));
        Assert.Equal(JobStatus.Cancelled, (await engine.WaitUntilFinishedAsync(launched.JobId)).Status);

        Assert.DoesNotContain(engine.FastStyles(), s => s.Id == "wave-lite");
        Assert.DoesNotContain(site.Services.GetRequiredService<IStyleLibrary>().StylesFor("eve"), s => s.Id == "wave-lite");
        Assert.Null(launcher.WhyUnavailable("wave"));
        await Eventually.TrueAsync(() => site.Services.GetRequiredService<OwnerLimits>().TakenBy("eve", JobKind.Distill) == 0, "eve's slot comes back");
    }

    [Fact]
    public async Task A_visitor_without_the_cookie_a_painting_only_style_and_a_missing_photo_folder_are_refused_with_why()
    {
        await using var site = Site();
        var launcher = site.Services.GetRequiredService<IDistillationLauncher>();

        Assert.Contains("needs this site's cookie", (await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("udnie", Tiny, null, CancellationToken.None))).Message);
        Assert.Contains("Only a style with a fast network", launcher.WhyUnavailable("painting.starry_night"));
        Assert.Contains("Only a style with a fast network",
            (await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("painting.starry_night", Tiny, "owner-a", CancellationToken.None))).Message);
        var outOfRange = await Assert.ThrowsAsync<UserFacingException>(() => launcher.StartAsync("la_muse", Tiny with { Steps = 0, CropSize = 4096 }, "owner-a", CancellationToken.None));
        Assert.Contains("steps must be", outOfRange.Message);
        Assert.Contains("crop size must be", outOfRange.Message);

        await using var noPhotos = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:TrainingPhotosDirectory", Path.Combine(_photos.Root, "missing")));
        Assert.Contains("TrainingPhotosDirectory", noPhotos.Services.GetRequiredService<IDistillationLauncher>().WhyUnavailable("udnie"));
    }

    [Fact]
    public async Task A_full_disk_refuses_a_live_version_with_a_message()
    {
        await using var site = Site(s => s.AddSingleton<IFreeSpaceProbe>(new FixedFreeSpace(500L * 1024 * 1024)));
        var launcher = site.Services.GetRequiredService<IDistillationLauncher>();

        var full = await Assert.ThrowsAsync<EngineBusyException>(() => launcher.StartAsync("udnie", Tiny, "owner-a", CancellationToken.None));

        Assert.Equal(DiskSpaceGuard.Message, full.Message);
        Assert.Null(launcher.LatestFor("udnie"));
    }

    private sealed class FixedFreeSpace(long free) : IFreeSpaceProbe
    {
        public long FreeBytes(string directory) => free;
    }
}
