using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Services;

namespace StyleGallery.Tests.Web;

/// <summary>The web's one translation of the engine's exceptions, for pages and for APIs.</summary>
public sealed class EngineRefusalsTests
{
    private static Task<string> Ask(Exception thrown, string? failed = null) =>
        EngineRefusals.AskAsync<string>(() => throw thrown, "No loss network could be installed.", NullLogger.Instance, failed);

    [Fact]
    public async Task A_full_queue_is_busy_a_refusal_keeps_its_message_and_a_missing_model_says_which()
    {
        await Assert.ThrowsAsync<EngineBusyException>(() => Ask(new QueueFullException(3, 3)));
        Assert.Equal("The size must be right.", (await Assert.ThrowsAsync<UserFacingException>(() => Ask(new EngineRequestException("The size must be right.")))).Message);
        Assert.Equal("No loss network could be installed.", (await Assert.ThrowsAsync<UserFacingException>(() => Ask(new ModelInstallException("offline")))).Message);
    }

    [Fact]
    public async Task A_failed_job_says_what_the_caller_asked_for_or_is_let_through()
    {
        var failure = new JobFailedException(new JobSnapshot("j", "fast", "", JobStatus.Failed, null, null, "out of memory", DateTimeOffset.UtcNow, null, null, null, false));

        Assert.Equal("Something went wrong.", (await Assert.ThrowsAsync<UserFacingException>(() => Ask(failure, failed: "Something went wrong."))).Message);
        await Assert.ThrowsAsync<JobFailedException>(() => Ask(failure));
    }

    [Fact]
    public void Every_api_answers_busy_with_503_and_retry_after_the_browser_s_limit_with_429_and_the_rest_with_400()
    {
        Assert.Equal((503, "30"), Answer(new EngineBusyException("busy")));
        Assert.Equal((503, "1"), Answer(new EngineBusyException("busy"), TimeSpan.FromSeconds(1)));
        Assert.Equal((429, "30"), Answer(new OwnerLimitException(2))); // a small job's time: when a slot may be free
        Assert.Equal((403, ""), Answer(new StorageQuotaException(2048, 1024))); // waiting frees nothing: deleting does
        Assert.Equal((400, ""), Answer(new UserFacingException("The style 'monet' does not exist.")));
    }

    private static (int Status, string RetryAfter) Answer(UserFacingException refusal, TimeSpan? retryAfter = null)
    {
        var response = new DefaultHttpContext().Response;
        var problem = Assert.IsType<ProblemHttpResult>(EngineRefusals.Problem(refusal, response, retryAfter));
        Assert.Equal(refusal.Message, problem.ProblemDetails.Detail);
        return (problem.StatusCode, response.Headers.RetryAfter.ToString());
    }
}
