using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Hosting;

[Collection(TorchCollection.Name)]
public sealed class StyleGalleryEngineTests : IDisposable
{
    private readonly string _models = Path.Combine(Path.GetTempPath(), "sg-engine-" + Guid.NewGuid().ToString("N"));
    private readonly StyleGalleryEngine _engine;

    public StyleGalleryEngineTests() =>
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = _models, MirrorDirectory = SharedData.Models, PaintingMirrorDirectory = SharedData.Styles, AllowDownloads = false,
        });

    public void Dispose()
    {
        _engine.Dispose();
        if (Directory.Exists(_models)) Directory.Delete(_models, recursive: true);
    }

    [Fact]
    public async Task A_fast_style_is_installed_on_first_use_and_paints_the_photo()
    {
        Assert.False(_engine.Models.IsInstalled("scream"));
        var photo = Gradient(96, 64);

        var picture = await _engine.StylizeFastAsync(photo, "scream", new FastStyleOptions { MaxSide = 48 });

        Assert.True(_engine.Models.IsInstalled("scream"));
        Assert.Equal((48, 32), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task Only_fast_styles_can_be_used_for_fast_stylisation()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _engine.SubmitFastAsync(Gradient(8, 8), "starry_night", new FastStyleOptions()));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _engine.SubmitFastAsync(Gradient(8, 8), "vgg19-imagenet", new FastStyleOptions()));
        Assert.Contains("not a fast style", e.Message);
    }

    [Fact]
    public async Task Paintings_are_found_through_their_fast_style_or_by_their_own_id_once_installed()
    {
        Assert.Equal("painting.the_scream", _engine.PaintingIdOf("scream"));
        Assert.Equal("painting.starry_night", _engine.PaintingIdOf("painting.starry_night"));
        Assert.Null(_engine.PaintingIdOf("mathura")); // a network of unknown provenance: no painting
        Assert.Null(_engine.PaintingIdOf("vgg19-imagenet"));
        Assert.Null(_engine.PaintingIdOf("not-in-the-catalogue"));
        var paintingOnly = _engine.PaintingOnlyStyles().Select(p => p.Id).ToList();
        Assert.Contains("painting.starry_night", paintingOnly);
        Assert.DoesNotContain("painting.the_scream", paintingOnly);
        Assert.Contains(_engine.StartupModels(), m => m.Id == "painting.starry_night");

        Assert.Null(_engine.PaintingPathOf("scream"));
        await _engine.EnsureInstalledAsync("painting.the_scream");

        Assert.Equal(File.ReadAllBytes(SharedData.Style("the_scream.jpg")), File.ReadAllBytes(_engine.PaintingPathOf("scream")!));
        Assert.DoesNotContain(_engine.StartupModels(), m => m.Id == "painting.the_scream");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _engine.SubmitFastAsync(Gradient(8, 8), "painting.the_scream", new FastStyleOptions()));
        Assert.Contains("not a fast style", e.Message);
    }

    [Fact]
    public async Task A_gatys_job_reports_losses_every_iteration_and_returns_the_picture()
    {
        var options = new GatysOptions { MaxSide = 32, Iterations = 4, PreviewEveryIterations = 1, PreviewMinInterval = TimeSpan.Zero };
        var steps = new List<JobProgress>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _engine.Jobs.JobChanged += (_, e) =>
        {
            if (e.Kind == JobEventKind.Progress && e.Job.Progress is { } p) lock (steps) steps.Add(p);
            if (e.Job.IsFinished) finished.TrySetResult();
        };

        var ticket = await _engine.SubmitGatysAsync(Gradient(48, 32), [new StyleInput(Stripes(32, 32))], options);
        var job = await ticket.Completion;

        var picture = StyleGalleryEngine.ResultOf<RgbImage>(job);
        Assert.Equal((32, 21), (picture.Width, picture.Height));
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30)); // events arrive in order: every step's before the end's
        lock (steps)
        {
            Assert.Equal([1, 2, 3, 4], steps.Select(s => s.Step).Distinct());
            Assert.All(steps, s => Assert.True(s.Losses!.Total > 0));
        }
        Assert.NotNull(_engine.Jobs.LatestPreview(ticket.Id));
    }

    [Fact]
    public async Task A_preset_needing_layers_the_installed_weights_lack_is_refused_before_queueing()
    {
        var johnson = GatysPresets.Get("johnson").ApplyTo(new GatysOptions { MaxSide = 32, Iterations = 2 });

        var e = await Assert.ThrowsAsync<InvalidGatysOptionsException>(() => _engine.SubmitGatysAsync(Gradient(32, 32), [new StyleInput(Stripes(32, 32))], johnson));

        Assert.Contains("conv3_3", string.Join(" ", e.Problems));
        Assert.Empty(_engine.Jobs.ListJobs());
    }

    private static RgbImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            var x = i / 3 % width;
            (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(255 * x / width), 90, 160);
        }
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage Stripes(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            var bright = i / 3 % width / 4 % 2 == 0;
            (pixels[i], pixels[i + 1], pixels[i + 2]) = bright ? ((byte)240, (byte)200, (byte)40) : ((byte)20, (byte)40, (byte)120);
        }
        return new RgbImage(width, height, pixels);
    }
}
