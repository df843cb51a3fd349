using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services;

/// <summary>Queues a fast-style job and turns the engine's refusals into messages a visitor can read.</summary>
public static class FastJobs
{
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    /// <exception cref="UserFacingException">The style does not exist, has no fast network or cannot be installed.</exception>
    public static async Task<JobTicket> SubmitAsync(StyleGalleryEngine engine, RgbImage content, string styleId, FastStyleOptions style,
        ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.SubmitFastAsync(content, styleId, style, cancellationToken);
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
    }
}
