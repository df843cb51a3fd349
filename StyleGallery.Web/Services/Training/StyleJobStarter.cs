using StyleGallery.Engine.Client;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Training;

/// <summary>What a style job asks the engine, once its own checks have passed: the launch to remember and its request (named by the launch's job id).</summary>
public sealed record StyleJobPlan(LaunchedTraining Launched, JobRequest Request);

/// <summary>
/// The one way a browser's job that makes a new style is started (a training, a live version): the browser's cookie,
/// room on the disk and in its quota (<see cref="StorageQuota"/>), the jobs rate limit, a slot of its kind
/// (<see cref="OwnerLimits"/>, taken before any work so two clicks at once cannot both pass), then the job's own checks
/// (<c>plan</c>), the style recorded as the browser's (<see cref="TrainedStyleService"/>: private until published) before
/// the job is queued, and the record taken back if the engine refuses it.
/// </summary>
public sealed class StyleJobStarter(
    IStyleEngineClient engine,
    OwnerLimits limits,
    TrainedStyleService trainedStyles,
    ILogger<StyleJobStarter> logger,
    IClientRateLimiter? rateLimits = null,
    StorageQuota? storage = null)
{
    /// <param name="withoutCookie">The refusal for a browser without the owner cookie.</param>
    /// <param name="notInstalled">What to say when a model the job needs could not be installed.</param>
    /// <param name="plan">The job's own checks and its request; throws <see cref="UserFacingException"/> to refuse.</param>
    /// <exception cref="UserFacingException">No cookie, a refusal of the plan or the engine, a full disk or quota, a limit.</exception>
    public async Task<LaunchedTraining> StartAsync(string? owner, JobKind kind, string withoutCookie, string notInstalled,
        Func<Task<StyleJobPlan>> plan, LaunchedTrainings launched, CancellationToken cancellationToken)
    {
        if (owner is null) throw new UserFacingException(withoutCookie);
        if (storage is not null) await storage.EnsureRoomAsync(owner, cancellationToken);
        rateLimits?.Acquire(RateLimitPolicy.Jobs, owner);
        using var slot = limits.Reserve(owner, kind);
        var (launch, request) = await plan();
        slot.HoldFor(launch.JobId);
        // The owner first: the style must never be listed for everyone between the job's end and its record.
        await trainedStyles.RecordLaunchAsync(launch.StyleId, launch.Title, owner, cancellationToken);
        try
        {
            await EngineRefusals.AskAsync(() => engine.SubmitAsync(request, cancellationToken), notInstalled, logger);
        }
        catch
        {
            await trainedStyles.ForgetLaunchAsync(launch.StyleId, CancellationToken.None);
            throw;
        }
        slot.Started();
        await launched.AddAsync(launch, cancellationToken);
        return launch;
    }
}
