using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Data;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Web.Services;

/// <summary>Decodes the untrusted upload, runs a fast-style job on the engine and stores the picture with its record.</summary>
public sealed class EngineQuickStyleService(
    StyleGalleryEngine engine,
    ResultStore results,
    PictureArchive pictures,
    StyleGalleryWebOptions options,
    ILogger<EngineQuickStyleService> logger) : IQuickStyleService
{
    public async Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, FastStyleOptions look, string? owner, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        if (!StyleStrength.IsValid(look.Strength)) throw new UserFacingException("The style strength must be between 0 % and 100 %.");
        var content = UploadDecoding.Decode(photo, options.MaxUploadBytes);
        var style = new FastStyleOptions { PreserveColors = look.PreserveColors, Strength = look.Strength };
        var ticket = await SubmitAsync(content, styleId, style, cancellationToken);
        var id = ResultStore.NewId();
        results.SaveContent(id, content);
        await pictures.AddAsync(RecordOf(id, ticket.Id, styleId, style, owner, content), CancellationToken.None);
        var picture = await PictureOfAsync(id, ticket, cancellationToken);
        results.Save(id, picture);
        await pictures.UpdateAsync(id, r => Succeeded(r, picture), CancellationToken.None);
        return new QuickStyleResult(id, ResultStore.UrlOf(id), picture.Width, picture.Height, DateTime.UtcNow - started);
    }

    private Task<JobTicket> SubmitAsync(RgbImage content, string styleId, FastStyleOptions style, CancellationToken cancellationToken) =>
        EngineSubmissions.SubmitAsync(() => engine.SubmitFastAsync(content, styleId, style, cancellationToken), styleId, logger);

    /// <summary>Waits for the job; a failure is recorded on the picture before the visitor hears of it.</summary>
    private async Task<RgbImage> PictureOfAsync(string id, JobTicket ticket, CancellationToken cancellationToken)
    {
        using var cancel = cancellationToken.Register(() => engine.Jobs.Cancel(ticket.Id));
        var job = await ticket.Completion;
        if (job.Status == JobStatus.Succeeded && job.Result is RgbImage picture) return picture;
        await pictures.UpdateAsync(id, r => Ended(r, job), CancellationToken.None);
        logger.LogError("Fast style job {Job} ended as {Status}: {Error}", job.Id, job.Status, job.Error);
        throw new UserFacingException("Something went wrong while painting your photo. Please try again.", new JobFailedException(job));
    }

    private static PictureRecord RecordOf(string id, string jobId, string styleId, FastStyleOptions style, string? owner, RgbImage content)
    {
        var (width, height) = ImageResizer.ScaledSize(content.Width, content.Height, style.MaxSide);
        return new PictureRecord
        {
            Id = id,
            EngineJobId = jobId,
            Kind = PictureKind.Fast,
            Owner = owner,
            Status = PictureStatus.Running,
            Styles = [new PictureStyle { StyleId = styleId }],
            ParametersJson = PictureParameters.Of(style),
            Width = width,
            Height = height,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    private static void Succeeded(PictureRecord record, RgbImage picture)
    {
        record.Status = PictureStatus.Succeeded;
        record.Width = picture.Width;
        record.Height = picture.Height;
        record.FinishedAt = DateTimeOffset.UtcNow;
    }

    private static void Ended(PictureRecord record, Engine.Jobs.JobSnapshot job)
    {
        record.Status = job.Status == JobStatus.Cancelled ? PictureStatus.Cancelled : PictureStatus.Failed;
        record.Error = job.Error ?? "The picture could not be painted.";
        record.FinishedAt = job.FinishedAt ?? DateTimeOffset.UtcNow;
    }
}
