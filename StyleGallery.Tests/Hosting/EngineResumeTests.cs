using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Video;
using StyleGallery.Tests.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Video;
using static StyleGallery.Tests.Support.TestImages;

namespace StyleGallery.Tests.Hosting;

/// <summary>
/// What a new process does with the rows the last one left: queued jobs run, a running optimisation goes on from its
/// checkpoint, a job that keeps killing the process is failed. The rows are left here as a crash leaves them; the web
/// app's test kills a real process (ProcessCrashTests).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class EngineResumeTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly string _models = Path.Combine(Path.GetTempPath(), "sg-resume-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryJobStore _store = new();
    private readonly StyleGalleryEngine _engine;

    public EngineResumeTests() =>
        _engine = new StyleGalleryEngine(new EngineSettings
        {
            ModelsDirectory = _models, MirrorDirectory = SharedData.Models, PaintingMirrorDirectory = SharedData.Styles,
            AllowDownloads = false, MaxAttempts = 3,
        }, store: _store);

    public void Dispose()
    {
        _engine.Dispose();
        if (Directory.Exists(_models)) Directory.Delete(_models, recursive: true);
    }

    private static byte[] Png(RgbImage image) => ImageEncoder.Encode(image, EncodedFormat.Png);

    private static OptimiseRequest Optimisation(string id, int iterations) => new(
        Png(Gradient(48, 32)),
        [new StyleImage(Png(Gradient(32, 32, blue: 20)))],
        new GatysOptions { MaxSide = 48, Iterations = iterations, Init = GatysInit.Noise, Optimizer = GatysOptimizer.Adam, Seed = 3 })
    {
        JobId = id,
    };

    /// <summary>A row as the process that accepted it wrote it, then left it (Queued, or Running after <paramref name="attempts"/> runs).</summary>
    private StoredJob Leave(OptimiseRequest request, int attempts, DateTimeOffset createdAt, JobCheckpoint? checkpoint = null)
    {
        var row = new StoredJob(request.JobId!, "gatys", attempts > 0 ? JobStatus.Running : JobStatus.Queued,
            EngineJson.Serialize(request), attempts, createdAt);
        _store.Put(row, checkpoint);
        return row;
    }

    private async Task<List<JobState>> WatchToEndAsync(string id)
    {
        using var guard = new CancellationTokenSource(Guard);
        var states = new List<JobState>();
        await foreach (var state in _engine.WatchAsync(id, guard.Token)) states.Add(state);
        return states;
    }

    /// <summary>
    /// A print a dead process was painting runs again from its photo; one whose file the dead process had already written
    /// (it died before its row said so) is not painted again: the file is kept as it is, byte for byte.
    /// </summary>
    [Fact]
    public async Task A_print_left_running_is_painted_after_a_restart_and_a_written_one_is_not_painted_twice()
    {
        var folder = Directory.CreateTempSubdirectory("sg-resume-print-").FullName;
        try
        {
            PrintRequest Print(string name) => new(Png(Gradient(96, 64)), "scream", new Engine.Fast.FastStyleOptions { Tile = 32 }, 96, Path.Combine(folder, name))
            {
                JobId = JobIds.New(),
            };
            var unfinished = Print("unfinished.png");
            var written = Print("written.png");
            ImageFiles.WriteAtomically(Gradient(96, 64, blue: 7), written.Output, EncodedFormat.Png);
            var bytes = await File.ReadAllBytesAsync(written.Output);
            foreach (var request in new[] { unfinished, written })
                _store.Put(new StoredJob(request.JobId!, "print", JobStatus.Running, EngineJson.Serialize(request), 1, DateTimeOffset.UtcNow));

            // Events in order, from before the resume: the jobs may be done before a watch of them starts.
            var painted = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            _engine.Jobs.JobChanged += (_, e) =>
            {
                if (e.Job.Progress?.Message?.StartsWith("Painting tile", StringComparison.Ordinal) == true) painted.AddOrUpdate(e.Job.Id, 1, (_, n) => n + 1);
            };

            var report = await _engine.ResumeAsync();
            var again = await WatchToEndAsync(unfinished.JobId!);
            var skipped = await WatchToEndAsync(written.JobId!);

            Assert.Equal(2, report.Requeued.Count);
            Assert.Equal(JobStatus.Succeeded, again[^1].Status);
            Assert.True(painted.GetValueOrDefault(unfinished.JobId!) > 0, "the unfinished print was painted tile by tile");
            var printed = ImageDecoder.Decode(await File.ReadAllBytesAsync(unfinished.Output));
            Assert.Equal((96, 64), (printed.Width, printed.Height));
            Assert.Equal(JobStatus.Succeeded, skipped[^1].Status);
            Assert.Equal(0, painted.GetValueOrDefault(written.JobId!));
            Assert.Equal(bytes, await File.ReadAllBytesAsync(written.Output));
            Assert.Equal(JobStatus.Succeeded, _store[unfinished.JobId!]!.Job.Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_submitted_job_is_a_row_with_its_whole_request_before_it_runs()
    {
        var request = Optimisation(JobIds.New(), iterations: 2);

        var id = await _engine.SubmitAsync(request);
        var stored = EngineJson.Deserialize(_store[id]!.Job.Request);
        await WatchToEndAsync(id);

        var optimise = Assert.IsType<OptimiseRequest>(stored);
        Assert.Equal(request.Photo, optimise.Photo);
        Assert.Equal(request.Options, optimise.Options with { ContentLayers = request.Options.ContentLayers, StyleLayers = request.Options.StyleLayers });
        Assert.Equal(JobStatus.Succeeded, _store[id]!.Job.Status);
    }

    [Fact]
    public async Task A_running_optimisation_goes_on_from_its_checkpoint_and_the_queued_one_behind_it_runs()
    {
        var running = Optimisation(JobIds.New(), iterations: 10);
        var queued = Optimisation(JobIds.New(), iterations: 3);
        var checkpoint = new JobCheckpoint(6, Png(Gradient(48, 32, blue: 60)));
        Leave(running, attempts: 1, DateTimeOffset.UtcNow.AddMinutes(-2), checkpoint);
        Leave(queued, attempts: 0, DateTimeOffset.UtcNow.AddMinutes(-1));

        var report = await _engine.ResumeAsync();
        var resumed = await WatchToEndAsync(running.JobId!);
        var waited = await WatchToEndAsync(queued.JobId!);

        Assert.Equal([running.JobId!, queued.JobId!], report.Requeued);
        Assert.Empty(report.Failed);
        var steps = resumed.Where(s => s.Progress is { Losses: not null }).Select(s => s.Progress!.Step).Distinct().ToList();
        Assert.Equal([7, 8, 9, 10], steps);
        Assert.Equal((JobStatus.Succeeded, 2, 6), (resumed[^1].Status, resumed[^1].Attempt, resumed[^1].ResumedFrom));
        Assert.Null(waited[^1].ResumedFrom);
        Assert.Equal((JobStatus.Succeeded, 1), (waited[^1].Status, waited[^1].Attempt));
        Assert.Equal(JobStatus.Succeeded, _store[running.JobId!]!.Job.Status);
    }

    [Fact]
    public async Task A_job_that_was_running_when_the_process_died_max_attempts_times_is_failed_and_the_queue_behind_it_runs()
    {
        var poison = Optimisation(JobIds.New(), iterations: 5);
        var next = Optimisation(JobIds.New(), iterations: 2);
        Leave(poison, attempts: 3, DateTimeOffset.UtcNow.AddMinutes(-2));
        Leave(next, attempts: 0, DateTimeOffset.UtcNow.AddMinutes(-1));

        var report = await _engine.ResumeAsync();
        var after = await WatchToEndAsync(next.JobId!);

        Assert.Equal(StyleGalleryEngine.PoisonMessage(3), report.Failed[poison.JobId!]);
        Assert.Equal((JobStatus.Failed, StyleGalleryEngine.PoisonMessage(3)), (_store[poison.JobId!]!.Job.Status, _store[poison.JobId!]!.Job.Error));
        Assert.Null(await _engine.GetAsync(poison.JobId!));
        Assert.Equal(JobStatus.Succeeded, after[^1].Status);
    }

    [Fact]
    public async Task A_video_that_was_being_painted_is_painted_again_from_its_first_frame()
    {
        var folder = Path.Combine(_models, "video");
        Directory.CreateDirectory(folder);
        var input = TestVideos.Pattern(folder, 64, 48, frames: 6);
        var output = Path.Combine(folder, "painted.mkv");
        var request = new VideoRequest(input, output, "scream", new VideoOptions { Look = new() { MaxSide = 64 } }) { JobId = JobIds.New() };
        _store.Put(new StoredJob(request.JobId!, "video", JobStatus.Running, EngineJson.Serialize(request), 1, DateTimeOffset.UtcNow));

        await _engine.ResumeAsync();
        var states = await WatchToEndAsync(request.JobId!);

        Assert.Equal((JobStatus.Succeeded, 2), (states[^1].Status, states[^1].Attempt));
        Assert.Equal(6, TestVideos.FramesOf(output, Path.Combine(folder, "frames")).Count);
    }

    [Fact]
    public async Task A_failed_jobs_message_names_the_missing_file_but_not_the_servers_folders()
    {
        var painting = Path.Combine(_models, "private-data", "paintings", "user-AbCd.jpg");
        var photos = Path.Combine(_models, "photos");
        Directory.CreateDirectory(photos);
        var request = new TrainRequest("missing-painting", "Missing painting",
            new Engine.Training.TrainingRequest(painting, photos, "", new Engine.Training.TrainingOptions { Steps = 1 }));

        var id = await _engine.SubmitAsync(request);
        var states = await WatchToEndAsync(id);

        Assert.Equal(JobStatus.Failed, states[^1].Status);
        Assert.Contains("user-AbCd.jpg", states[^1].Error);
        Assert.DoesNotContain(_models, states[^1].Error);
        Assert.DoesNotContain("private-data", states[^1].Error);
    }

    [Fact]
    public async Task A_stored_request_this_build_cannot_read_is_failed_with_the_reason_not_thrown()
    {
        var id = JobIds.New();
        _store.Put(new StoredJob(id, "gatys", JobStatus.Queued, "{\"request\":\"nonsense\"}"u8.ToArray(), 0, DateTimeOffset.UtcNow));

        var report = await _engine.ResumeAsync();

        Assert.StartsWith("This job could not be resumed after the server restarted", report.Failed[id]);
        Assert.Equal(JobStatus.Failed, _store[id]!.Job.Status);
    }
}
