using StyleGallery.Engine.Client;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>One rule per job kind, reserved atomically, given back once when the job ends or its start fails.</summary>
public sealed class OwnerLimitsTests
{
    private readonly OwnerLimits _limits = new(new StyleGalleryWebOptions { MaxConcurrentJobsPerOwner = 2 });

    [Theory]
    [InlineData(JobKind.Optimise, 2)]
    [InlineData(JobKind.Video, 2)]
    [InlineData(JobKind.Train, 1)]
    public async Task Of_many_starts_at_once_from_one_browser_exactly_the_limit_get_a_slot(JobKind kind, int limit)
    {
        using var go = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            go.Wait();
            try
            {
                var slot = _limits.Reserve("alice", kind);
                slot.HoldFor($"job-{i}");
                slot.Started();
                return true;
            }
            catch (OwnerLimitException)
            {
                return false;
            }
        })).ToList();

        go.Set();
        var taken = (await Task.WhenAll(attempts)).Count(t => t);

        Assert.Equal(limit, taken);
        Assert.Equal(limit, _limits.TakenBy("alice", kind));
        Assert.Equal(0, _limits.TakenBy("bob", kind));
    }

    [Fact]
    public void A_slot_comes_back_when_its_job_ends_even_if_the_end_comes_before_the_start_returns()
    {
        var first = _limits.Reserve("alice", JobKind.Train);
        first.HoldFor("job-1");
        _limits.Ended("job-1"); // a job may end before SubmitAsync returns
        first.Started();
        first.Dispose();

        using var second = _limits.Reserve("alice", JobKind.Train);
        second.HoldFor("job-2");
        second.Started();
        var refusal = Assert.Throws<OwnerLimitException>(() => _limits.Reserve("alice", JobKind.Train));

        Assert.Equal("You already have 1 style being trained; wait for one to finish or cancel it.", refusal.Message);
        _limits.Ended("job-2");
        _limits.Ended("job-2"); // given back once, however often the end is seen
        Assert.Equal(0, _limits.TakenBy("alice", JobKind.Train));
    }

    [Fact]
    public void A_start_that_fails_gives_its_slot_back_and_its_job_id_is_forgotten()
    {
        using (var failed = _limits.Reserve("alice", JobKind.Video)) failed.HoldFor("job-1");

        Assert.Equal(0, _limits.TakenBy("alice", JobKind.Video));
        using var next = _limits.Reserve("alice", JobKind.Video);
        next.HoldFor("job-2");
        next.Started();
        _limits.Ended("job-1"); // the failed start's id holds nothing any more
        Assert.Equal(1, _limits.TakenBy("alice", JobKind.Video));
    }

    [Fact]
    public void A_job_resumed_after_a_restart_counts_whatever_the_limit_until_it_ends()
    {
        _limits.Adopt("alice", JobKind.Optimise, "resumed-1");
        _limits.Adopt("alice", JobKind.Optimise, "resumed-2");
        _limits.Adopt("alice", JobKind.Optimise, "resumed-3");

        Assert.Equal(3, _limits.TakenBy("alice", JobKind.Optimise));
        Assert.Throws<OwnerLimitException>(() => _limits.Reserve("alice", JobKind.Optimise));
        _limits.Ended("resumed-1");
        _limits.Ended("resumed-2");
        using var slot = _limits.Reserve("alice", JobKind.Optimise);
    }

    [Fact]
    public void Fast_pictures_and_browsers_without_a_token_are_not_limited()
    {
        for (var i = 0; i < 10; i++)
        {
            _limits.Reserve("alice", JobKind.Fast).Started();
            _limits.Reserve(null, JobKind.Optimise).Started();
        }

        Assert.Null(_limits.LimitOf(JobKind.Fast));
        Assert.Equal(0, _limits.TakenBy("alice", JobKind.Fast));
    }
}
