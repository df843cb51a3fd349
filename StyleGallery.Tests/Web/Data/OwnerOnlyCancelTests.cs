using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Tests.Web.Data;

/// <summary>A job id is public (it is the share link): only the browser that started the job may stop it.</summary>
[Collection(TorchCollection.Name)]
public sealed class OwnerOnlyCancelTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    private const string Me = DataPage.Me;
    private const string Stranger = "stranger-token-0000000";

    [Fact]
    public async Task Another_browser_or_one_without_a_token_cannot_cancel_and_the_owner_can()
    {
        var studio = app.Services.GetRequiredService<IStudioJobs>();
        var id = await StartLongJobAsync(studio, Me);

        var byStranger = await studio.CancelAsync(id, Stranger);
        var byNobody = await studio.CancelAsync(id, owner: null);
        var statusAfterRefusals = (await Engine.GetAsync(id))!.Status;
        var byOwner = await studio.CancelAsync(id, Me);

        Assert.Equal((false, false, true), (byStranger, byNobody, byOwner));
        Assert.Contains(statusAfterRefusals, new[] { JobStatus.Queued, JobStatus.Running });
        Assert.Equal(JobStatus.Cancelled, await WaitUntilFinishedAsync(id));
    }

    [Fact]
    public async Task A_job_started_without_an_owner_cannot_be_cancelled_through_the_studio()
    {
        var studio = app.Services.GetRequiredService<IStudioJobs>();
        var id = await StartLongJobAsync(studio, owner: null);

        var cancelled = await studio.CancelAsync(id, owner: null);
        await Engine.CancelAsync(id); // tidy up: the engine itself is not owner-aware

        Assert.False(cancelled);
    }

    [Fact]
    public async Task An_unknown_job_is_not_cancelled()
    {
        var studio = app.Services.GetRequiredService<IStudioJobs>();

        Assert.False(await studio.CancelAsync("no-such-job-aaaaaaaaaaa", Me));
    }

    private IStyleEngineClient Engine => app.Services.GetRequiredService<IStyleEngineClient>();

    /// <summary>
    /// Far more iterations than the test lasts, so the job is still queued or running when cancelled; few enough for the
    /// engine-time budget of a request without a cookie (JobBudgetSettings.AnonymousOptimiseSeconds).
    /// </summary>
    private static Task<string> StartLongJobAsync(IStudioJobs studio, string? owner)
    {
        var photo = ImageEncoder.Encode(RgbImage.Filled(64, 48, 30, 90, 160), EncodedFormat.Png);
        var options = new GatysOptions { MaxSide = 64, Iterations = 7_000 };
        return studio.StartAsync(StudioRequest.Single(photo, "udnie", options, owner), CancellationToken.None);
    }

    private async Task<JobStatus> WaitUntilFinishedAsync(string id) => (await Engine.WaitUntilFinishedAsync(id)).Status;
}
