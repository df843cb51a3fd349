using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>
/// Holds each browser to its limit of running optimisations (<see cref="OwnerLimits"/>) and each optimisation to its
/// budget of engine time (<see cref="JobBudgets"/>), sends the upload and the
/// styles' paintings to the engine as a durable optimisation job, and records it as a picture (the job's id is the
/// picture's).
/// </summary>
public sealed class EngineStudioJobs(
    IStyleEngineClient engine,
    PaintingFiles paintings,
    PictureArchive pictures,
    ResultStore results,
    PictureRecorder recorder,
    OwnerLimits limits,
    JobBudgets budgets,
    StyleGalleryWebOptions options,
    ILogger<EngineStudioJobs> logger,
    IClientRateLimiter? rateLimits = null,
    StorageQuota? storage = null) : IStudioJobs
{
    public async Task<string> StartAsync(StudioRequest request, CancellationToken cancellationToken)
    {
        if (request.Styles.Count == 0) throw new UserFacingException("Choose at least one style.");
        budgets.CheckOptimise(request.Options, request.Owner);
        if (storage is not null) await storage.EnsureRoomAsync(request.Owner, cancellationToken);
        rateLimits?.Acquire(RateLimitPolicy.Jobs, request.Owner);
        using var slot = limits.Reserve(request.Owner, JobKind.Optimise, request.Address);
        var styles = new List<StyleImage>();
        foreach (var style in request.Styles) styles.Add(new StyleImage(await PaintingAsync(style.StyleId, cancellationToken), style.Weight));
        var id = JobIds.New();
        var optimise = new OptimiseRequest(request.Photo, styles, LivePreviewPacing.Apply(request.Options), options.MaxUploadBytes) { JobId = id };
        var notInstalled = $"The {request.Options.Network} loss network is not installed and could not be installed right now.";
        slot.HoldFor(id);
        // The stored copy first: refused (a picture that cannot be read, too many decodes at once) before there is a job.
        var photo = results.SaveContent(id, request.Photo);
        try
        {
            await EngineRefusals.AskAsync(() => engine.SubmitAsync(optimise, cancellationToken), notInstalled, logger);
        }
        catch
        {
            results.Delete(id);
            throw;
        }
        slot.Started();
        await pictures.AddAsync(RecordOf(id, request, photo), CancellationToken.None);
        recorder.Track(id);
        return id;
    }

    public async Task<bool> CancelAsync(string jobId, string? owner, CancellationToken cancellationToken = default) =>
        await pictures.FindAsync(jobId, cancellationToken) is { EngineJobId: { } engineJob } picture
        && PictureOwnership.IsOwner(picture, owner)
        && await engine.CancelAsync(engineJob, cancellationToken);

    public Task DeleteAsync(string jobId, CancellationToken cancellationToken = default) => engine.DeleteAsync(jobId, cancellationToken);

    private static PictureRecord RecordOf(string jobId, StudioRequest request, (int Width, int Height) photo)
    {
        var (width, height) = ImageResizer.ScaledSize(photo.Width, photo.Height, request.Options.MaxSide);
        return new PictureRecord
        {
            Id = jobId,
            EngineJobId = jobId,
            Kind = PictureKind.Optimise,
            Owner = request.Owner,
            SecretHash = request.SecretHash,
            Status = PictureStatus.Queued,
            Styles = request.Styles.Select(s => new PictureStyle { StyleId = s.StyleId, Weight = s.Weight }).ToList(),
            ParametersJson = PictureParameters.Of(request.Options),
            Width = width,
            Height = height,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The painting's file as it is stored (the engine decodes it with the job).</summary>
    private async Task<byte[]> PaintingAsync(string styleId, CancellationToken cancellationToken)
    {
        var notInstalled = $"The painting of the style '{styleId}' is not installed and could not be installed right now.";
        var path = await EngineRefusals.AskAsync(() => paintings.FindAsync(styleId, cancellationToken), notInstalled, logger);
        return path is not null
            ? await File.ReadAllBytesAsync(path, cancellationToken)
            : throw new UserFacingException($"The style '{styleId}' has no painting to learn from.");
    }
}
