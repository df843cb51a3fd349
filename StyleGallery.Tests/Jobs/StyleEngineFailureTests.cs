using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using static StyleGallery.Tests.Jobs.EngineTestSupport;

namespace StyleGallery.Tests.Jobs;

[Collection(TorchCollection.Name)]
public sealed class StyleEngineFailureTests
{
    [Fact]
    public async Task A_throwing_job_fails_with_its_message_and_the_next_job_still_runs()
    {
        using var engine = CreateEngine();
        var failing = engine.Submit(new DelegateJob("broken", _ => throw new InvalidDataException("The weights file is truncated.")));
        var next = engine.Submit(DelegateJob.Returning("fine"));

        var failed = await failing.Finished();
        var succeeded = await next.Finished();

        Assert.Equal((JobStatus.Failed, "The weights file is truncated.", (object?)null), (failed.Status, failed.Error, failed.Result));
        Assert.Equal((JobStatus.Succeeded, (object?)"fine", (string?)null), (succeeded.Status, succeeded.Result, succeeded.Error));
    }

    [Fact]
    public async Task A_cancellation_the_engine_did_not_ask_for_is_a_failure()
    {
        using var engine = CreateEngine();

        var final = await engine.Submit(new DelegateJob("own timeout", _ => throw new TimeoutException("Decoder gave up."))).Finished();
        var ownCancel = await engine.Submit(new DelegateJob("own token", _ => throw new OperationCanceledException("Inner step timed out."))).Finished();

        Assert.Equal((JobStatus.Failed, "Decoder gave up."), (final.Status, final.Error));
        Assert.Equal((JobStatus.Failed, "Inner step timed out."), (ownCancel.Status, ownCancel.Error));
    }

    [Fact]
    public async Task Waiting_for_an_unknown_id_says_so()
    {
        using var engine = CreateEngine();

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => engine.WaitAsync("nope"));

        Assert.Equal("nope", error.Id);
        Assert.Contains("'nope'", error.Message);
        Assert.Null(engine.Get("nope"));
        Assert.Null(engine.LatestPreview("nope"));
    }

    [Fact]
    public void A_job_without_a_kind_is_refused()
    {
        using var engine = CreateEngine();

        Assert.Throws<ArgumentException>(() => engine.Submit(new NamelessJob()));
        Assert.Empty(engine.ListJobs());
    }

    private sealed class NamelessJob : IEngineJob
    {
        public string Kind => " ";
        public string Description => "no kind";
        public object? Run(JobContext context) => null;
    }
}
