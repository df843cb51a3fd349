using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Web.Services;

/// <summary>
/// Paints the upload with a fast style on the engine (an interactive job, ahead of long ones), then stores the picture,
/// the photo the engine read, and the record; a picture that could not be painted leaves nothing behind.
/// </summary>
public sealed class EngineQuickStyleService(
    IStyleEngineClient engine,
    ResultStore results,
    PictureArchive pictures,
    StyleGalleryWebOptions options,
    ILogger<EngineQuickStyleService> logger,
    IClientRateLimiter? rateLimits = null,
    StorageQuota? storage = null) : IQuickStyleService
{
    public async Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, FastStyleOptions look, string? owner, CancellationToken cancellationToken)
    {
        if (storage is not null) await storage.EnsureRoomAsync(owner, cancellationToken);
        rateLimits?.Acquire(RateLimitPolicy.Uploads, owner);
        var style = new FastStyleOptions { PreserveColors = look.PreserveColors, Strength = look.Strength };
        var request = new FastRequest(photo, styleId, style, options.MaxUploadBytes);
        var picture = await PaintAsync(request, cancellationToken);
        var id = ResultStore.NewId();
        results.SaveContent(id, picture.PhotoPng);
        results.Save(id, picture.Png);
        var record = RecordOf(id, styleId, style, owner, picture);
        record.Bytes = results.SizeOf(id);
        await pictures.AddAsync(record, CancellationToken.None);
        return new QuickStyleResult(id, ResultStore.UrlOf(id), picture.Width, picture.Height, picture.Elapsed);
    }

    private Task<FastPicture> PaintAsync(FastRequest request, CancellationToken cancellationToken) =>
        EngineRefusals.AskWithFastStyleAsync(engine, request.StyleId, () => engine.StylizeAsync(request, cancellationToken), logger,
            failed: "Something went wrong while painting your photo. Please try again.");

    private static PictureRecord RecordOf(string id, string styleId, FastStyleOptions style, string? owner, FastPicture picture)
    {
        var now = DateTimeOffset.UtcNow;
        return new PictureRecord
        {
            Id = id,
            Kind = PictureKind.Fast,
            Owner = owner,
            Status = PictureStatus.Succeeded,
            Styles = [new PictureStyle { StyleId = styleId }],
            ParametersJson = PictureParameters.Of(style),
            Width = picture.Width,
            Height = picture.Height,
            CreatedAt = now - picture.Elapsed,
            FinishedAt = now,
        };
    }
}
