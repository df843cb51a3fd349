using StyleGallery.Web.Services.Training;

namespace StyleGallery.Tests.Web;

/// <summary>The launcher's map of trainings forgets what the engine has forgotten, so it does not grow forever.</summary>
public sealed class LaunchedTrainingsTests
{
    private readonly HashSet<string> _engineKnows = [];

    private LaunchedTrainings Trainings(int rememberedBeforePruning) =>
        new((jobId, _) => Task.FromResult(_engineKnows.Contains(jobId)), rememberedBeforePruning);

    private static LaunchedTraining Training(int i) => new($"job-{i}", $"style-{i}", $"Style {i}", "udnie", "owner");

    [Fact]
    public async Task Above_the_bound_the_trainings_the_engine_forgot_are_forgotten_and_the_rest_kept()
    {
        var trainings = Trainings(rememberedBeforePruning: 4);
        for (var i = 0; i < 4; i++) await trainings.AddAsync(Training(i), CancellationToken.None); // the engine has forgotten these
        for (var i = 4; i < 100; i++)
        {
            _engineKnows.Add($"job-{i}");
            if (i >= 10) _engineKnows.Remove($"job-{i - 6}"); // it keeps its six newest
            await trainings.AddAsync(Training(i), CancellationToken.None);
        }

        Assert.Equal(6, trainings.Count);
        Assert.Equal(Training(99), trainings.Find("job-99"));
        Assert.Null(trainings.Find("job-0"));
    }

    [Fact]
    public async Task Below_the_bound_nothing_is_forgotten_even_what_the_engine_forgot()
    {
        var trainings = Trainings(rememberedBeforePruning: 4);
        for (var i = 0; i < 4; i++) await trainings.AddAsync(Training(i), CancellationToken.None);

        Assert.Equal(4, trainings.Count);
        Assert.Equal(Training(0), trainings.Find("job-0"));
    }
}
