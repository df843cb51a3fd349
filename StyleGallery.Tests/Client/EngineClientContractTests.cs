using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Engine.Video;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Support.TestImages;

namespace StyleGallery.Tests.Client;

/// <summary>
/// What every implementation of <see cref="IStyleEngineClient"/> must do, written against the contract only: the
/// in-process engine runs it today (<see cref="InProcessEngineClientContractTests"/>); a remote client will inherit it.
/// </summary>
public abstract class EngineClientContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    protected IStyleEngineClient Client { get; private set; } = null!;

    /// <summary>A client with the shared models' mirror and no downloads.</summary>
    protected abstract Task<IStyleEngineClient> CreateClientAsync();

    protected abstract Task DisposeClientAsync();

    /// <summary>The models folder the client's styles are read from (trained styles live in its <c>user</c> folder).</summary>
    protected abstract string ModelsDirectory { get; }

    /// <summary>Writes a tiny network and its sidecar and painting as a finished training leaves them, under <paramref name="id"/>.</summary>
    protected void WriteTrainedStyle(string id)
    {
        var styles = new UserStyles(ModelsDirectory);
        using (var net = new TransformerNet(StyleGallery.Tests.Training.TrainingFixture.Tiny.NetworkOptions))
        {
            TrainedStyleFile.Save(styles.PathOf(id), net, new TrainedStyleInfo("painting.png", net.Options, StyleGallery.Tests.Training.TrainingFixture.Tiny, "layers", 1, []));
        }
        var painting = Path.Combine(ModelsDirectory, id + "-source.png");
        File.WriteAllBytes(painting, Png(Gradient(16, 16)));
        styles.Register(id, "Doomed", "painting.png", 1, styles.KeepPainting(id, painting));
        var checkpoints = Directory.CreateDirectory(Path.Combine(styles.Folder, id + ".checkpoints"));
        File.WriteAllBytes(Path.Combine(checkpoints.FullName, "checkpoint-000001.safetensors"), [1]);
    }

    protected static FastRequest FastWith(string styleId) => new(Png(Gradient(48, 32)), styleId, new FastStyleOptions { MaxSide = 32 });

    public async Task InitializeAsync() => Client = await CreateClientAsync();

    public Task DisposeAsync() => DisposeClientAsync();

    private static byte[] Png(RgbImage image) => ImageEncoder.Encode(image, EncodedFormat.Png);

    private static OptimiseRequest Optimisation(int iterations = 4) => new(
        Png(Gradient(48, 32)),
        [new StyleImage(Png(Gradient(32, 32, blue: 20)))],
        new GatysOptions
        {
            MaxSide = 48, Iterations = iterations, Init = GatysInit.Content, Optimizer = GatysOptimizer.Adam,
            PreviewEveryIterations = 1, PreviewMinInterval = TimeSpan.Zero,
        });

    private async Task<List<JobState>> WatchToEndAsync(string id)
    {
        using var guard = new CancellationTokenSource(Guard);
        var states = new List<JobState>();
        await foreach (var state in Client.WatchAsync(id, guard.Token)) states.Add(state);
        return states;
    }

    [Fact]
    public async Task An_optimisation_reports_typed_progress_and_ends_with_a_png_result()
    {
        var id = await Client.SubmitAsync(Optimisation(iterations: 4));
        var states = await WatchToEndAsync(id);

        Assert.Equal(22, id.Length);
        Assert.All(states, s => Assert.Equal((id, JobKind.Optimise), (s.Id, s.Kind)));
        var final = states[^1];
        Assert.Equal(JobStatus.Succeeded, final.Status);
        var steps = states.Where(s => s.Progress is { Losses: not null }).Select(s => s.Progress!.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(4, steps.Max());
        Assert.All(states.Where(s => s.Progress is { Losses: not null }), s => Assert.True(s.Progress!.Losses!.Total > 0));
        Assert.True(final.PreviewVersion >= 1, "previews were published every iteration");
        var result = ImageDecoder.Decode((await Client.ResultAsync(id))!);
        Assert.Equal((48, 32), (result.Width, result.Height));
        Assert.Equal(JobStatus.Succeeded, (await Client.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_request_that_cannot_run_is_refused_before_it_is_queued_with_a_readable_reason()
    {
        var unreadable = Optimisation() with { Photo = [1, 2, 3, 4] };
        var badOptions = Optimisation() with { Options = Optimisation().Options with { Iterations = 0 } };
        var noStyle = new VideoRequest("/nonexistent.mp4", Path.Combine(Path.GetTempPath(), "x.mp4"), "no-such-style", new());

        await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(unreadable));
        var options = await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(badOptions));
        Assert.Contains("Iterations", options.Message);
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(noStyle));
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(Optimisation() with { JobId = "../../etc/passwd" }));
    }

    [Fact]
    public async Task Every_problem_of_a_request_s_options_is_listed_at_once_whatever_its_kind()
    {
        var optimise = Optimisation() with { Options = Optimisation().Options with { Iterations = 0, LbfgsHistory = 0 } };
        var train = new TrainRequest("mine", "Mine", new TrainingRequest("/p/painting.jpg", "/p/photos", "mine.safetensors", new TrainingOptions { BatchSize = 0, StyleWeight = 0 }));
        var video = new VideoRequest("/nonexistent.mp4", Path.Combine(Path.GetTempPath(), "x.mp4"), "scream", new VideoOptions { Look = new() { Strength = 2 }, MaxFrames = 0 });
        var fast = new FastRequest(Png(Gradient(48, 32)), "scream", new FastStyleOptions { MaxSide = 8, Strength = 2 });

        Assert.Equal(2, (await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(optimise))).Problems.Count);
        Assert.Equal(2, (await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(train))).Problems.Count);
        Assert.Equal(video.Options.Problems(), (await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(video))).Problems);
        Assert.Equal(fast.Options.Problems(), (await Assert.ThrowsAsync<EngineRequestException>(() => Client.StylizeAsync(fast))).Problems);
    }

    /// <summary>Writes an untrained lite network registered as <paramref name="teacher"/>'s live version, as a finished distillation leaves it.</summary>
    protected void WriteLiteStyle(string id, string teacher)
    {
        var styles = new UserStyles(ModelsDirectory);
        using (var net = new TransformerNet(Engine.Fast.Lite.LiteNetwork.Options))
        {
            TrainedStyleFile.Save(styles.PathOf(id), net, new TrainedStyleInfo(teacher, net.Options, new DistillationOptions().AsTrainingSettings(), TrainedStyleFile.DistilledLoss, 1, [], Teacher: teacher));
        }
        styles.RegisterDistilled(id, teacher, "Teacher", 1, teacherPainting: null);
    }

    [Fact]
    public async Task A_live_version_is_distilled_as_a_durable_job_and_listed_with_its_teacher()
    {
        using var photos = new StyleGallery.Tests.Training.TrainingFixture(photos: 2);
        var options = new DistillationOptions { CropSize = 32, BatchSize = 1, Steps = 2, CheckpointEvery = 0 };

        var id = await Client.SubmitAsync(new DistillRequest("scream", "scream-lite", photos.Photos, options));
        var states = await WatchToEndAsync(id);

        Assert.True(states[^1].Status == JobStatus.Succeeded, states[^1].Error);
        Assert.All(states, s => Assert.Equal(JobKind.Distill, s.Kind));
        Assert.Contains(states, s => s.Progress is { Step: 2, TotalSteps: 2, Losses: not null });
        Assert.Equal("scream", Assert.Single(Client.FastStyles(), s => s.Id == "scream-lite").TeacherId);
        Assert.Equal("scream-lite", Assert.Single(Client.FastStyles(), s => s.Id == "scream").LiteVersionId);
        Assert.NotNull(await Client.PaintingFileAsync("scream-lite", install: false));
    }

    [Fact]
    public async Task A_live_version_that_cannot_be_made_is_refused_with_why()
    {
        using var photos = new StyleGallery.Tests.Training.TrainingFixture(photos: 1);
        var tiny = new DistillationOptions { CropSize = 32, BatchSize = 1, Steps = 2 };
        WriteLiteStyle("udnie-lite", "udnie");

        async Task<string> Refusal(DistillRequest request) => (await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(request))).Message;

        Assert.Contains("has no fast network", await Refusal(new DistillRequest("painting.starry_night", DistillRequest.LiteIdOf("painting.starry_night"), photos.Photos, tiny)));
        Assert.Contains("has no fast network", await Refusal(new DistillRequest("no-such-style", "no-such-style-lite", photos.Photos, tiny)));
        Assert.Contains("is a live version itself", await Refusal(new DistillRequest("udnie-lite", "udnie-lite-lite", photos.Photos, tiny)));
        Assert.Contains("already has a live version ('udnie-lite')", await Refusal(new DistillRequest("udnie", "udnie-lite-2", photos.Photos, tiny)));
        Assert.Contains("exists already", await Refusal(new DistillRequest("wave", "udnie-lite", photos.Photos, tiny)));
        Assert.Contains("does not exist", await Refusal(new DistillRequest("wave", "wave-lite", Path.Combine(photos.Root, "missing"), tiny)));
        var outOfRange = tiny with { Steps = 0, CropSize = 8 };
        var limits = await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(new DistillRequest("wave", "wave-lite", photos.Photos, outOfRange)));
        Assert.Equal(outOfRange.Problems(), limits.Problems);
        Assert.Contains(limits.Problems, p => p.Contains("crop size must be", StringComparison.Ordinal));
        Assert.Contains(limits.Problems, p => p.Contains("steps must be", StringComparison.Ordinal));
        Assert.Contains(Client.FastStyles(), s => s.Id == "wave" && s.LiteVersionId is null);
    }

    /// <summary>A print written where the test can read it; 96 × 64 in 32 px tiles, so it is painted tile by tile.</summary>
    private static PrintRequest PrintOf(byte[] photo, int longSide = 96, string styleId = "scream", string? output = null) =>
        new(photo, styleId, new FastStyleOptions { Tile = 32 }, longSide, output ?? Path.Combine(Path.GetTempPath(), $"sg-print-{Guid.NewGuid():N}.png"));

    [Fact]
    public async Task A_print_is_a_durable_long_job_with_tile_progress_a_file_and_a_screen_size_result()
    {
        // Asked larger than the photo: painted at the photo's own size, never enlarged.
        var request = PrintOf(Png(Gradient(96, 64)), longSide: 4096);
        try
        {
            var id = await Client.SubmitAsync(request);
            var states = await WatchToEndAsync(id);

            Assert.All(states, s => Assert.Equal(JobKind.Print, s.Kind));
            Assert.True(states[^1].Status == JobStatus.Succeeded, states[^1].Error);
            // Watchers get the latest state, not every one (a cluster's web node may skip a quick job's tile messages):
            // the last progress counts every tile run. Each tile's message is PrintJobTests' to check.
            var last = states[^1].Progress!;
            Assert.True(last.TotalSteps > 1 && last.Step == last.TotalSteps, $"progress {last.Step}/{last.TotalSteps}");
            var printed = ImageDecoder.Decode(await File.ReadAllBytesAsync(request.Output));
            Assert.Equal((96, 64), (printed.Width, printed.Height));
            var result = ImageDecoder.Decode((await Client.ResultAsync(id))!);
            Assert.Equal((96, 64), (result.Width, result.Height));
            Assert.Equal(JobKind.Print, (await Client.GetAsync(id))!.Kind);
        }
        finally
        {
            File.Delete(request.Output);
        }
    }

    [Fact]
    public async Task A_print_that_cannot_be_painted_is_refused_before_it_is_queued_with_why()
    {
        var photo = Png(Gradient(96, 64));
        async Task<string> Refusal(PrintRequest request) => (await Assert.ThrowsAsync<EngineRequestException>(() => Client.SubmitAsync(request))).Message;

        Assert.Contains("between 16 and 16384 pixels", await Refusal(PrintOf(photo, longSide: 20_000)));
        Assert.Contains("tile size must be between 32", await Refusal(PrintOf(photo) with { Options = new FastStyleOptions { Tile = 0 } }));
        var bomb = await Refusal(PrintOf(StyleGallery.Tests.Imaging.HandMadePng.Bomb(20_000, 10_000), longSide: 2048));
        Assert.Contains("20000 × 10000", bomb);
        Assert.Contains("100 megapixels", bomb);
        Assert.Contains("not a picture", await Refusal(PrintOf([1, 2, 3, 4])));
        await Refusal(PrintOf(photo, styleId: "no-such-style"));
        await Refusal(PrintOf(photo, styleId: "starry_night"));
        Assert.Contains(".png, .jpg or .webp", await Refusal(PrintOf(photo, output: Path.Combine(Path.GetTempPath(), "print.gif"))));
    }

    [Fact]
    public async Task A_job_can_be_named_by_its_host_and_cancelled()
    {
        var id = JobIds.New();
        var submitted = await Client.SubmitAsync(Optimisation(iterations: 10_000) with { JobId = id });
        Assert.Equal(id, submitted);

        Assert.True(await Client.CancelAsync(id));
        var states = await WatchToEndAsync(id);

        Assert.Equal(JobStatus.Cancelled, states[^1].Status);
        Assert.False(await Client.CancelAsync(id));
    }

    [Fact]
    public async Task A_trained_style_is_deleted_with_its_files_and_a_catalogue_or_unknown_id_is_refused()
    {
        WriteTrainedStyle("doomed");
        await Client.StylizeAsync(FastWith("doomed")); // the network is loaded where the painting runs
        Assert.True(Client.IsStyleIdTaken("doomed"));

        Assert.True(await Client.DeleteTrainedStyleAsync("doomed"));

        Assert.DoesNotContain(Client.FastStyles(), s => s.Id == "doomed");
        Assert.False(Client.IsStyleIdTaken("doomed"));
        Assert.Null(await Client.PaintingFileAsync("doomed", install: false));
        Assert.Empty(Directory.EnumerateFileSystemEntries(new UserStyles(ModelsDirectory).Folder));
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.StylizeAsync(FastWith("doomed")));
        Assert.False(await Client.DeleteTrainedStyleAsync("doomed"));
        Assert.False(await Client.DeleteTrainedStyleAsync("never-trained"));
        Assert.False(await Client.DeleteTrainedStyleAsync("../escape"));
    }

    [Fact]
    public async Task A_catalogue_id_is_never_deleted_even_with_a_trained_file_under_it()
    {
        WriteTrainedStyle("udnie");

        Assert.False(await Client.DeleteTrainedStyleAsync("udnie"));

        Assert.True(File.Exists(new UserStyles(ModelsDirectory).PathOf("udnie")));
        Assert.Contains(Client.FastStyles(), s => s.Id == "udnie" && s.Origin == FastStyleOrigin.Catalogue);
    }

    [Fact]
    public async Task Unknown_jobs_have_no_state_no_pictures_and_an_empty_watch()
    {
        var unknown = JobIds.New();

        Assert.Null(await Client.GetAsync(unknown));
        Assert.Null(await Client.PreviewAsync(unknown));
        Assert.Null(await Client.ResultAsync(unknown));
        Assert.Empty(await WatchToEndAsync(unknown));
        Assert.False(await Client.CancelAsync(unknown));
    }

    [Fact]
    public async Task A_fast_picture_comes_back_as_png_at_the_asked_size_and_bad_looks_are_refused()
    {
        var photo = Png(Gradient(96, 64));

        var picture = await Client.StylizeAsync(new FastRequest(photo, "scream", new FastStyleOptions { MaxSide = 48 }));

        Assert.Equal((48, 32), (picture.Width, picture.Height));
        var decoded = ImageDecoder.Decode(picture.Png);
        Assert.Equal((48, 32), (decoded.Width, decoded.Height));
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.StylizeAsync(new FastRequest(photo, "scream", new FastStyleOptions { Strength = 1.5 })));
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.StylizeAsync(new FastRequest(photo, "starry_night", new FastStyleOptions())));
        await Assert.ThrowsAsync<EngineRequestException>(() => Client.StylizeAsync(new FastRequest([0xFF, 0xD8, 0xFF], "scream", new FastStyleOptions())));
    }

    [Fact]
    public async Task A_live_frame_comes_back_as_jpeg_and_sizes_outside_the_live_range_are_refused()
    {
        var frame = ImageEncoder.Encode(Gradient(128, 96), EncodedFormat.Jpeg);

        var painted = await Client.StylizeFrameAsync(new LiveFrameRequest(frame, "scream", new FastStyleOptions { MaxSide = 64 }, "owner/camera-1"));

        Assert.Equal([0xFF, 0xD8], painted[..2]);
        Assert.Equal(64, ImageDecoder.Decode(painted).Width);
        await Assert.ThrowsAsync<EngineRequestException>(() =>
            Client.StylizeFrameAsync(new LiveFrameRequest(frame, "scream", new FastStyleOptions { MaxSide = 1024 }, null)));
    }

    [Fact]
    public async Task Styles_and_models_are_listed()
    {
        Assert.Contains(Client.FastStyles(), s => s.Id == "scream");
        Assert.Contains(Client.PaintingOnlyStyles(), p => p.Id == "painting.starry_night");
        Assert.True(Client.IsStyleIdTaken("scream"));
        Assert.False(Client.IsStyleIdTaken("my-new-style"));
        Assert.Contains(Client.ModelStates(), m => m.Model.Id == "vgg19-imagenet" && m.IsMirrored);
        Assert.NotNull(await Client.PaintingFileAsync("scream", install: true));
    }
}
