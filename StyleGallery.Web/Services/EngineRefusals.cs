using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services;

/// <summary>
/// Asks the engine something and turns its refusals into messages a visitor can read: a busy queue becomes
/// <see cref="EngineBusyException"/> (try again), a request it refused keeps the engine's message, a model it could not
/// install says which.
/// </summary>
public static class EngineRefusals
{
    /// <param name="notInstalled">What to tell the visitor when a model the request needs could not be installed.</param>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    /// <exception cref="UserFacingException">The engine refused the request, or a model it needs is missing.</exception>
    public static async Task<T> AskAsync<T>(Func<Task<T>> request, string notInstalled, ILogger logger)
    {
        try
        {
            return await request();
        }
        catch (QueueFullException e)
        {
            throw new EngineBusyException(e.Message, e);
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
    }

    /// <summary>
    /// As <see cref="AskAsync"/> for a request with a fast style (a photo, a camera frame, a video), where a style that
    /// is no fast style gets a message that says so rather than the engine's list of styles.
    /// </summary>
    public static async Task<T> AskWithFastStyleAsync<T>(IStyleEngineClient engine, string styleId, Func<Task<T>> request, ILogger logger)
    {
        try
        {
            return await AskAsync(request, $"The style '{styleId}' is not installed and could not be installed right now.", logger);
        }
        catch (UserFacingException e) when (e.InnerException is EngineRequestException && !IsFastStyle(engine, styleId))
        {
            throw new UserFacingException(engine.IsStyleIdTaken(styleId)
                ? $"The style '{styleId}' has no fast network; optimise with it in the studio instead."
                : $"The style '{styleId}' does not exist.", e.InnerException);
        }
    }

    private static bool IsFastStyle(IStyleEngineClient engine, string styleId) =>
        engine.FastStyles().Any(s => s.Id == styleId);
}
