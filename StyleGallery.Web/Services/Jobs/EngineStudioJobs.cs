using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>Decodes the untrusted upload and the style's painting and queues a Gatys job on the engine.</summary>
public sealed class EngineStudioJobs(StyleGalleryEngine engine, PaintingFiles paintings, StyleGalleryWebOptions options, ILogger<EngineStudioJobs> logger)
    : IStudioJobs
{
    public async Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken)
    {
        var gatys = request.Options;
        var content = UploadDecoding.Decode(request.Photo, options.MaxUploadBytes);
        if (request.Styles.Count == 0) throw new UserFacingException("Choose at least one style.");
        var styles = request.Styles.Select(s => new StyleInput(Painting(s.StyleId), s.Weight)).ToList();
        try
        {
            var ticket = await engine.SubmitGatysAsync(content, styles, gatys, cancellationToken);
            return ticket.Id;
        }
        catch (InvalidGatysOptionsException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (QueueFullException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "No loss network for {Network}", gatys.Network);
            throw new UserFacingException($"The {gatys.Network} loss network is not installed and could not be installed right now.", e);
        }
    }

    public bool Cancel(string jobId) => engine.Jobs.Cancel(jobId);

    private RgbImage Painting(string styleId) =>
        paintings.Find(styleId) is { } path
            ? ImageDecoder.DecodeFile(path)
            : throw new UserFacingException($"The style '{styleId}' has no painting to learn from.");
}
