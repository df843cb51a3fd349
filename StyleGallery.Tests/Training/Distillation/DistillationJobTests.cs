using System.Text;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Lite;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Tests.Jobs;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Training.Distillation;

/// <summary>
/// A live version as an engine job: it runs to the end and is listed beside its teacher with the teacher's painting; a
/// cancel leaves nothing; a fast picture is painted while it runs; a run after a crash goes on from its checkpoint.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DistillationJobTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    /// <summary>32 px crops, one a step: a step takes a few hundredths of a second.</summary>
    public static DistillationOptions Tiny { get; } = new() { CropSize = 32, BatchSize = 1, Steps = 3, CheckpointEvery = 0, Seed = 3 };

    private readonly TrainingFixture _fixture = new(photos: 2);
    private readonly StyleGalleryEngine _engine;

    public DistillationJobTests() =>
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = Models, MirrorDirectory = SharedData.Models, PaintingMirrorDirectory = SharedData.Styles, AllowDownloads = false,
        }, store: new InMemoryJobStore());

    public void Dispose()
    {
        _engine.Dispose();
        _fixture.Dispose();
    }

    private string Models => Path.Combine(_fixture.Root, "models");

    private UserStyles Registry => new(Models);

    private IStyleEngineClient Client => _engine;

    private DistillRequest Request(DistillationOptions options) => new("udnie", "udnie-lite", _fixture.Photos, options);

    private async Task<List<JobState>> WatchAsync(string id, Func<JobState, bool>? until = null)
    {
        using var guard = new CancellationTokenSource(Guard);
        var states = new List<JobState>();
        await foreach (var state in Client.WatchAsync(id, guard.Token))
        {
            states.Add(state);
            if (until?.Invoke(state) == true) break;
        }
        return states;
    }

    [Fact]
    public async Task A_live_version_is_distilled_to_the_end_and_listed_beside_its_teacher_with_its_painting()
    {
        var id = await Client.SubmitAsync(Request(Tiny));
        var states = await WatchAsync(id);

        Assert.True(states[^1].Status == JobStatus.Succeeded, states[^1].Error);
        Assert.All(states, s => Assert.Equal(JobKind.Distill, s.Kind));
        var progress = states.Select(s => s.Progress).OfType<JobProgress>().Where(p => p.Losses is not null).ToList();
        Assert.Equal(3, progress[^1].Step);
        Assert.All(progress, p => Assert.Equal(3, p.TotalSteps));
        Assert.All(progress, p => Assert.True(p.Losses!.Total > 0 && p.Rate > 0 && p.Remaining is not null, $"{p}"));
        var lite = Assert.Single(Client.FastStyles(), s => s.Id == "udnie-lite");
        Assert.Equal((_engine.FastStyle("udnie").Title + " (lite)", "udnie", FastStyleOrigin.User), (lite.Title, lite.TeacherId, lite.Origin));
        Assert.Equal("udnie-lite", Assert.Single(Client.FastStyles(), s => s.Id == "udnie").LiteVersionId);
        var info = TrainedStyleFile.ReadInfo(Registry.PathOf("udnie-lite"));
        Assert.Equal(("udnie", LiteNetwork.Options), (info.Teacher, info.Network));
        var painting = await Client.PaintingFileAsync("udnie-lite", install: false);
        Assert.Equal(File.ReadAllBytes((await Client.PaintingFileAsync("udnie", install: false))!), File.ReadAllBytes(painting!));
        Assert.False(Directory.Exists(Path.Combine(Registry.Folder, "udnie-lite.checkpoints")));
        var picture = await Client.StylizeAsync(new FastRequest(ImageEncoder.Encode(TestImages.Gradient(40, 30), EncodedFormat.Png), "udnie-lite", new FastStyleOptions { MaxSide = 40 }));
        Assert.Equal((40, 30), (picture.Width, picture.Height));
    }

    [Fact]
    public async Task Cancelling_mid_run_lists_nothing_and_deletes_its_checkpoints()
    {
        var id = await Client.SubmitAsync(Request(Tiny with { Steps = 100_000, CheckpointEvery = 1 }));
        await WatchAsync(id, s => s.Progress?.Step >= 3);
        Assert.True(Directory.Exists(Path.Combine(Registry.Folder, "udnie-lite.checkpoints")), "a checkpoint was written before the cancel");

        Assert.True(await Client.CancelAsync(id));
        var states = await WatchAsync(id);

        Assert.Equal(JobStatus.Cancelled, states[^1].Status);
        Assert.DoesNotContain(Client.FastStyles(), s => s.Id == "udnie-lite");
        Assert.Null(Assert.Single(Client.FastStyles(), s => s.Id == "udnie").LiteVersionId);
        Assert.False(File.Exists(Registry.PathOf("udnie-lite")));
        Assert.False(Directory.Exists(Path.Combine(Registry.Folder, "udnie-lite.checkpoints")));
    }

    [Fact]
    public async Task A_fast_picture_is_painted_while_a_distillation_runs()
    {
        var id = await Client.SubmitAsync(Request(Tiny with { Steps = 100_000 }));
        await WatchAsync(id, s => s.Progress?.Step >= 1);

        var picture = await Client.StylizeAsync(new FastRequest(ImageEncoder.Encode(TestImages.Gradient(48, 32), EncodedFormat.Png), "udnie", new FastStyleOptions { MaxSide = 48 }))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(48, picture.Width);
        Assert.Equal(JobStatus.Running, (await Client.GetAsync(id))!.Status);
        await Client.CancelAsync(id);
    }

    private static (JobContext Context, List<JobProgress> Progress, List<JobCheckpoint> Saved) DurableContext(
        JobCheckpoint? resumeFrom, CancellationTokenSource? stopAt3 = null, bool byOwner = false)
    {
        var progress = new List<JobProgress>();
        var saved = new List<JobCheckpoint>();
        var context = new JobContext(TorchRuntime.Detect(), stopAt3?.Token ?? default,
            p =>
            {
                progress.Add(p);
                if (p.Step == 3) stopAt3?.Cancel();
            },
            null, new JobCheckpoints(() => resumeFrom, saved.Add, IsDurable: true), cancelledByOwner: () => byOwner && stopAt3!.IsCancellationRequested);
        return (context, progress, saved);
    }

    private DistillationJob Job() =>
        new(new LiteDistiller(), Request(Tiny with { Steps = 4, CheckpointEvery = 2 }), FastNetworkSource.Pretrained(SharedData.Fast("udnie")), "Udnie",
            TrainingFixture.Style, Registry);

    [Fact]
    public void A_run_stopped_by_a_crash_goes_on_from_its_last_checkpoint_and_nothing_runs_twice()
    {
        using var crash = new CancellationTokenSource();
        var (first, _, saved) = DurableContext(resumeFrom: null, crash);
        Assert.Throws<OperationCanceledException>(() => Job().Run(first));
        var checkpoint = Assert.Single(saved);
        Assert.Equal(2, checkpoint.Step);
        Assert.True(File.Exists(Encoding.UTF8.GetString(checkpoint.Data)), "a shutdown keeps the checkpoint for the next run");
        Assert.Empty(Registry.List());

        var (second, progress, _) = DurableContext(checkpoint);
        var result = Job().Run(second);

        Assert.Equal([3, 4], progress.Select(p => p.Step));
        Assert.Equal(4, result.LossCurve[^1].Step);
        var entry = Assert.Single(Registry.List());
        Assert.Equal(("udnie-lite", "udnie", "Udnie (lite)"), (entry.Id, entry.Teacher, entry.Title));
        Assert.Equal(File.ReadAllBytes(TrainingFixture.Style), File.ReadAllBytes(Registry.PaintingPathOf("udnie-lite")!));
        Assert.False(Directory.Exists(Path.Combine(Registry.Folder, "udnie-lite.checkpoints")));
    }

    [Fact]
    public void A_checkpoint_whose_file_is_gone_distils_from_the_start()
    {
        var (context, progress, _) = DurableContext(new JobCheckpoint(2, Encoding.UTF8.GetBytes("/nonexistent/checkpoint.safetensors")));

        Job().Run(context);

        Assert.Equal([1, 2, 3, 4], progress.Select(p => p.Step));
    }

    [Fact]
    public void An_owner_s_cancel_deletes_the_checkpoints_and_registers_nothing()
    {
        using var cancel = new CancellationTokenSource();
        var (context, _, saved) = DurableContext(resumeFrom: null, cancel, byOwner: true);

        Assert.Throws<OperationCanceledException>(() => Job().Run(context));

        Assert.Single(saved);
        Assert.False(Directory.Exists(Path.Combine(Registry.Folder, "udnie-lite.checkpoints")));
        Assert.Empty(Registry.List());
        Assert.False(File.Exists(Registry.PathOf("udnie-lite")));
    }
}
