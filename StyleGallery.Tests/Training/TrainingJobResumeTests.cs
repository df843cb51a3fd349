using System.Text;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Training;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Training;

/// <summary>A durable training records the trainer's checkpoints, and a run after a crash resumes from the last one.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingJobResumeTests : IDisposable
{
    private readonly TrainingFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static (JobContext Context, List<JobProgress> Progress, List<JobCheckpoint> Saved) DurableContext(JobCheckpoint? resumeFrom)
    {
        var progress = new List<JobProgress>();
        var saved = new List<JobCheckpoint>();
        var context = new JobContext(TorchRuntime.Detect(), default, progress.Add, null,
            new JobCheckpoints(() => resumeFrom, saved.Add, IsDurable: true));
        return (context, progress, saved);
    }

    private TrainingJob Job() =>
        new(TrainingFixture.Trainer(), _fixture.Request(TrainingFixture.Tiny with { Steps = 4, CheckpointEvery = 2 }),
            new UserStyles(_fixture.Folder("models")), "resumed-style", "Resumed style");

    [Fact]
    public void A_checkpoint_the_trainer_writes_is_recorded_and_the_next_run_goes_on_from_it()
    {
        var (first, _, saved) = DurableContext(resumeFrom: null);
        Job().Run(first);
        var checkpoint = Assert.Single(saved);
        var path = Encoding.UTF8.GetString(checkpoint.Data);
        Assert.Equal(2, checkpoint.Step);
        Assert.True(File.Exists(path), path);

        var (second, progress, _) = DurableContext(checkpoint);
        var result = Job().Run(second);

        Assert.Equal([3, 4], progress.Select(p => p.Step));
        Assert.All(progress, p => Assert.NotNull(p.Losses));
        Assert.Equal(4, result.StepsRun);
    }

    [Fact]
    public void A_checkpoint_whose_file_is_gone_trains_from_the_start()
    {
        var (context, progress, _) = DurableContext(new JobCheckpoint(2, Encoding.UTF8.GetBytes("/nonexistent/checkpoint.safetensors")));

        Job().Run(context);

        Assert.Equal([1, 2, 3, 4], progress.Select(p => p.Step));
    }
}
