using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services;

/// <summary>Decodes the untrusted upload, runs a fast-style job on the engine and stores the picture.</summary>
public sealed class EngineQuickStyleService(StyleGalleryEngine engine, ResultStore results, StyleGalleryWebOptions options, ILogger<EngineQuickStyleService> logger)
    : IQuickStyleService
{
    public async Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, bool preserveColors, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var content = UploadDecoding.Decode(photo, options.MaxUploadBytes);
        var style = new FastStyleOptions { PreserveColors = preserveColors };
        try
        {
            var picture = await engine.StylizeFastAsync(content, styleId, style, cancellationToken);
            var id = results.Save(ImageEncoder.Encode(picture, EncodedFormat.Png));
            return new QuickStyleResult(id, ResultStore.UrlOf(id), picture.Width, picture.Height, DateTime.UtcNow - started);
        }
        catch (QueueFullException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (KeyNotFoundException e)
        {
            throw new UserFacingException($"The style '{styleId}' does not exist.", e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "Style {Style} could not be installed", styleId);
            throw new UserFacingException($"The style '{styleId}' is not installed and could not be installed right now.", e);
        }
        catch (JobFailedException e)
        {
            logger.LogError("Fast style job {Job} failed: {Error}", e.Job.Id, e.Job.Error);
            throw new UserFacingException("Something went wrong while painting your photo. Please try again.", e);
        }
    }
}
