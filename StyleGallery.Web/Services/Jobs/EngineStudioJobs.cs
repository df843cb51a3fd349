using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Data;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// Decodes the untrusted upload and the styles' paintings, holds each browser to its limit of running
/// optimisations, queues a Gatys job on the engine and records it as a picture (the engine job's id is the picture's).
/// </summary>
public sealed class EngineStudioJobs(
    StyleGalleryEngine engine,
    PaintingFiles paintings,
    PictureArchive pictures,
    ResultStore results,
    PictureRecorder recorder,
    StyleGalleryWebOptions options,
    ILogger<EngineStudioJobs> logger) : IStudioJobs
{
    /// <summary>One start at a time, so two quick clicks cannot both pass the per-browser count.</summary>
    private readonly SemaphoreSlim _admission = new(1, 1);

    public async Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken)
    {
        var content = UploadDecoding.Decode(request.Photo, options.MaxUploadBytes);
        if (request.Styles.Count == 0) throw new UserFacingException("Choose at least one style.");
        var styles = new List<StyleInput>();
        foreach (var style in request.Styles) styles.Add(new StyleInput(await PaintingAsync(style.StyleId, cancellationToken), style.Weight));
        await _admission.WaitAsync(cancellationToken);
        try
        {
            await EnforceOwnerLimitAsync(request.Owner, cancellationToken);
            var ticket = await SubmitAsync(content, styles, request.Options, cancellationToken);
            results.SaveContent(ticket.Id, content);
            await pictures.AddAsync(RecordOf(ticket.Id, request, content), CancellationToken.None);
            recorder.Track(ticket.Id);
            return ticket.Id;
        }
        finally
        {
            _admission.Release();
        }
    }

    public async Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default) =>
        await pictures.FindAsync(jobId, cancellationToken) is { EngineJobId: { } engineJob } picture
        && PictureOwnership.IsOwner(picture, owner)
        && engine.Jobs.Cancel(engineJob);

    private async Task EnforceOwnerLimitAsync(string? owner, CancellationToken cancellationToken)
    {
        if (owner is null) return;
        var limit = options.MaxConcurrentJobsPerOwner;
        if (await pictures.CountActiveOptimisationsAsync(owner, cancellationToken) >= limit) throw new OwnerLimitException(limit);
    }

    private async Task<JobTicket> SubmitAsync(RgbImage content, IReadOnlyList<StyleInput> styles, GatysOptions gatys, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.SubmitGatysAsync(content, styles, LivePreviewPacing.Apply(gatys), cancellationToken);
        }
        catch (InvalidGatysOptionsException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (QueueFullException e)
        {
            throw new EngineBusyException(e.Message, e);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "No loss network for {Network}", gatys.Network);
            throw new UserFacingException($"The {gatys.Network} loss network is not installed and could not be installed right now.", e);
        }
    }

    private static PictureRecord RecordOf(string jobId, StudioRequest request, RgbImage content)
    {
        var (width, height) = ImageResizer.ScaledSize(content.Width, content.Height, request.Options.MaxSide);
        return new PictureRecord
        {
            Id = jobId,
            EngineJobId = jobId,
            Kind = PictureKind.Optimise,
            Owner = request.Owner,
            Status = PictureStatus.Queued,
            Styles = request.Styles.Select(s => new PictureStyle { StyleId = s.StyleId, Weight = s.Weight }).ToList(),
            ParametersJson = PictureParameters.Of(request.Options),
            Width = width,
            Height = height,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task<RgbImage> PaintingAsync(string styleId, CancellationToken cancellationToken)
    {
        string? path;
        try
        {
            path = await paintings.FindAsync(styleId, cancellationToken);
        }
        catch (ModelInstallException e)
        {
            logger.LogWarning(e, "The painting of {Style} could not be installed", styleId);
            throw new UserFacingException($"The painting of the style '{styleId}' is not installed and could not be installed right now.", e);
        }
        return path is not null
            ? ImageDecoder.DecodeFile(path)
            : throw new UserFacingException($"The style '{styleId}' has no painting to learn from.");
    }
}
