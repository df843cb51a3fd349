using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Video;

namespace StyleGallery.Web.Services;

/// <summary>Queues a fast-style job (a photo, a camera frame, a video) and turns the engine's refusals into messages a visitor can read.</summary>
public static class EngineSubmissions
{
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    /// <exception cref="UserFacingException">The style does not exist, has no fast network or cannot be installed; a video cannot be read.</exception>
    public static async Task<JobTicket> SubmitAsync(Func<Task<JobTicket>> submit, string styleId, ILogger logger)
    {
        try
        {
            return await submit();
        }
        catch (QueueFullException e)
        {
            throw new EngineBusyException(e.Message, e);
        }
        catch (KeyNotFoundException e)
        {
            throw new UserFacingException($"The style '{styleId}' does not exist.", e);
        }
        catch (ArgumentException e)
        {
            throw new UserFacingException($"The style '{styleId}' has no fast network; optimise with it in the studio instead.", e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "Style {Style} could not be installed", styleId);
            throw new UserFacingException($"The style '{styleId}' is not installed and could not be installed right now.", e);
        }
        catch (VideoException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
