using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Training;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>The real app: many starts at once from one browser, and exactly its share of each kind is queued.</summary>
[Collection(TorchCollection.Name)]
public sealed class OwnerLimitsAppTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>, IDisposable
{
    private const int AtOnce = 6;
    private readonly TrainingFixture _photos = new(photos: 3);

    public void Dispose() => _photos.Dispose();

    [Fact]
    public async Task Of_many_optimisations_started_at_once_exactly_the_browser_s_limit_are_queued()
    {
        var studio = app.Services.GetRequiredService<IStudioJobs>();
        var photo = ImageEncoder.Encode(RgbImage.Filled(64, 48, 30, 90, 160), EncodedFormat.Png);
        var endless = new GatysOptions { MaxSide = 64, Iterations = 50_000 };

        var started = await AllAtOnceAsync(() => studio.StartAsync(StudioRequest.Single(photo, "udnie", endless, "eve"), CancellationToken.None));

        Assert.Equal(app.Services.GetRequiredService<StyleGalleryWebOptions>().MaxConcurrentJobsPerOwner, started.Count);
        foreach (var id in started) await studio.CancelAsync(id, "eve");
        await SlotsComeBackAsync(app.Services, started, JobKind.Optimise);
    }

    [Fact]
    public async Task Of_many_trainings_started_at_once_exactly_one_is_queued()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:TrainingPhotosDirectory", _photos.Photos));
        var launcher = site.Services.GetRequiredService<ITrainingLauncher>();
        var endless = TrainingFixture.Tiny with { Steps = 100_000 };
        var names = 0;

        var started = await AllAtOnceAsync(async () =>
            (await launcher.StartAsync("udnie", $"Eve's style {Interlocked.Increment(ref names)}", endless, "eve", CancellationToken.None)).JobId);

        Assert.Single(started); // OwnerLimits.TrainingsPerOwner
        foreach (var id in started) await launcher.CancelAsync(id, "eve");
        await SlotsComeBackAsync(site.Services, started, JobKind.Train);
    }

    /// <summary>Starts <see cref="AtOnce"/> at the same moment on the thread pool; the ids of those the limit let through.</summary>
    private static async Task<List<string>> AllAtOnceAsync(Func<Task<string>> start)
    {
        using var go = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, AtOnce).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                return await start();
            }
            catch (OwnerLimitException)
            {
                return null;
            }
        })).ToList();
        go.Set();
        return (await Task.WhenAll(attempts)).OfType<string>().ToList();
    }

    private static async Task SlotsComeBackAsync(IServiceProvider services, List<string> jobs, JobKind kind)
    {
        var engine = services.GetRequiredService<IStyleEngineClient>();
        foreach (var id in jobs) await engine.WaitUntilFinishedAsync(id);
        var limits = services.GetRequiredService<OwnerLimits>();
        await Eventually.TrueAsync(() => limits.TakenBy("eve", kind) == 0, $"eve's {kind} slots are given back once the jobs have ended");
    }
}
