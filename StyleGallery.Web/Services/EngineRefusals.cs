using System.Globalization;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Services.Limits;

namespace StyleGallery.Web.Services;

/// <summary>
/// The web app's one translation of what the engine throws into what a visitor reads, used by every service that asks
/// the engine (quick style, studio, training, video, live) and, through <see cref="Problem"/>, by every API:
/// <list type="bullet">
/// <item>a full queue (<see cref="QueueFullException"/>) or an engine out of reach (<see cref="EngineUnavailableException"/>, a
/// cluster's queue server restarting) is <see cref="EngineBusyException"/>: try again; HTTP 503 with Retry-After;</item>
/// <item>too many pictures being decoded at once (<see cref="DecodeBusyException"/>) is the same, with a shorter Retry-After;</item>
/// <item>a request the engine refused (<see cref="EngineRequestException"/>) keeps the engine's message; HTTP 400;</item>
/// <item>a model it could not install (<see cref="ModelInstallException"/>) says which, and is logged; HTTP 400;</item>
/// <item>a job that failed (<see cref="JobFailedException"/>) is logged and says "something went wrong"; HTTP 400;</item>
/// <item>the browser's own limit (<see cref="OwnerLimitException"/>, the web's, not the engine's) is HTTP 429, and so is a
/// rate limit (<see cref="RateLimitedException"/>, with Retry-After);</item>
/// <item>a job that would cost more engine time than its budget (<see cref="JobBudgetException"/>) is HTTP 422;</item>
/// <item>a browser that keeps all the storage it may (<see cref="StorageQuotaException"/>) is HTTP 403 until it deletes some.</item>
/// </list>
/// The CLI maps the same exceptions to exit codes instead (<c>StyleGallery.Cli.Commands.EngineRefusals</c> and
/// <c>ExitCodes</c>): a refused request is 2 (usage) or, when it wraps an unreadable picture, 3; a model that cannot be
/// installed 4; a failed job 1 (a video that could not be painted 3); Ctrl+C 130. Its engine is its own, one job at a
/// time, so it is never busy.
/// </summary>
public static class EngineRefusals
{
    /// <param name="notInstalled">What to tell the visitor when a model the request needs could not be installed.</param>
    /// <param name="failed">What to tell the visitor when the job it waits for failed; null lets the failure through.</param>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    /// <exception cref="UserFacingException">The engine refused the request, a model it needs is missing, or the job failed.</exception>
    public static async Task<T> AskAsync<T>(Func<Task<T>> request, string notInstalled, ILogger logger, string? failed = null)
    {
        try
        {
            return await request();
        }
        catch (Exception e) when (e is QueueFullException or EngineUnavailableException)
        {
            throw new EngineBusyException(e.Message, e);
        }
        catch (DecodeBusyException e)
        {
            throw Busy(e);
        }
        catch (EngineRequestException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "A model could not be installed: {Message}", notInstalled);
            throw new UserFacingException(notInstalled, e);
        }
        catch (JobFailedException e) when (failed is not null)
        {
            logger.LogError(e, "A job failed: {Message}", failed);
            throw new UserFacingException(failed, e);
        }
    }

    /// <summary>
    /// As <see cref="AskAsync"/> for a request with a fast style (a photo, a camera frame, a video), where a style that
    /// is no fast style gets a message that says so rather than the engine's list of styles.
    /// </summary>
    public static async Task<T> AskWithFastStyleAsync<T>(IStyleEngineClient engine, string styleId, Func<Task<T>> request, ILogger logger, string? failed = null)
    {
        try
        {
            return await AskAsync(request, $"The style '{styleId}' is not installed and could not be installed right now.", logger, failed);
        }
        catch (UserFacingException e) when (e.InnerException is EngineRequestException && !IsFastStyle(engine, styleId))
        {
            throw new UserFacingException(engine.IsStyleIdTaken(styleId)
                ? $"The style '{styleId}' has no fast network; optimise with it in the studio instead."
                : $"The style '{styleId}' does not exist.", e.InnerException);
        }
    }

    /// <summary>The web app's own decodes (<see cref="UploadDecoding"/>) answer a full decode budget the same way.</summary>
    public static EngineBusyException Busy(DecodeBusyException e) => new(e.Message, e, DecodeBusyException.RetryAfter);

    /// <summary>A refusal as an API answers it: the status above, the message as the problem's detail.</summary>
    /// <param name="retryAfter">
    /// When a script should try a busy engine again: <see cref="EngineBusyException.TryAgainAfter"/> unless the API knows
    /// better (a camera frame is worth trying again at once).
    /// </param>
    public static IResult Problem(UserFacingException refusal, HttpResponse response, TimeSpan? retryAfter = null)
    {
        var status = refusal switch
        {
            EngineBusyException => StatusCodes.Status503ServiceUnavailable,
            OwnerLimitException or RateLimitedException => StatusCodes.Status429TooManyRequests,
            JobBudgetException => StatusCodes.Status422UnprocessableEntity,
            StorageQuotaException => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        TimeSpan? after = refusal switch
        {
            EngineBusyException busy => retryAfter ?? busy.TryAgainAfter,
            RateLimitedException limited => limited.RetryAfter,
            OwnerLimitException => OwnerLimitException.RetryAfter,
            _ => null,
        };
        if (after is { } wait) response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(refusal.Message, statusCode: status);
    }

    private static bool IsFastStyle(IStyleEngineClient engine, string styleId) =>
        engine.FastStyles().Any(s => s.Id == styleId);
}
