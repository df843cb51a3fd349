using Microsoft.AspNetCore.Mvc;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Job pictures for pages (<c>/jobs/{id}/preview.png</c>: the newest preview, or the final picture; <c>preview.webp</c>:
/// the same, smaller, for a finished picture shown large) and the small
/// API for scripts: <c>POST /api/jobs</c> (multipart: photo, style, preset, maxSide, iterations),
/// <c>GET /api/jobs/{id}</c>, <c>GET /api/jobs/{id}/result.png</c>, <c>POST /api/jobs/{id}/cancel</c> and
/// <c>DELETE /api/jobs/{id}</c>. A job the engine has forgotten (the app restarted) is answered from its picture record
/// and file. A job asked for without the owner cookie gets a secret in the answer to its <c>POST</c>, once; cancelling
/// and deleting take that secret (header <see cref="JobSecret.HeaderName"/>) or the owner cookie of the browser that
/// made the picture: 404 for an unknown id, 403 for anyone else.
/// </summary>
public static class JobEndpoints
{
    public static WebApplication MapJobEndpoints(this WebApplication app)
    {
        app.MapGet("/jobs/{id}/preview.png", async (string id, IStyleEngineClient engine, ResultStore results, CancellationToken ct) =>
            Picture(await engine.PreviewAsync(id, ct), results, id)).CachedFor(PictureCaching.Preview);
        app.MapGet("/jobs/{id}/preview.webp", async (string id, IStyleEngineClient engine, ResultStore results, HttpResponse response, CancellationToken ct) =>
            await ViewAsync(await engine.PreviewAsync(id, ct), results, id, response, ct)).CachedFor(PictureCaching.Preview);
        app.MapGet("/api/jobs/{id}/result.png", async (string id, IStyleEngineClient engine, ResultStore results, CancellationToken ct) =>
            Picture(await engine.ResultAsync(id, ct), results, id)).CachedFor(PictureCaching.Result);
        app.MapGet("/api/jobs/{id}", StatusAsync);
        app.MapPost("/api/jobs", CreateJobAsync).DisableAntiforgery().WithMetadata(new ClientRateLimit(RateLimitPolicy.Jobs));
        app.MapPost("/api/jobs/{id}/cancel", CancelAsync).DisableAntiforgery();
        app.MapDelete("/api/jobs/{id}", DeleteAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> StatusAsync(string id, IJobNotifications jobs, PictureArchive pictures, CancellationToken cancellationToken)
    {
        if (await jobs.CurrentAsync(id, cancellationToken) is { } update) return Results.Ok(update);
        return ResultStore.IsValidId(id) && await pictures.FindAsync(id, cancellationToken) is { } picture
            ? Results.Ok(UpdateOf(picture))
            : Results.NotFound();
    }

    /// <summary>A stored picture as a job update; it is finished, or was left unfinished by a restart (then marked failed).</summary>
    private static JobUpdate UpdateOf(PictureRecord picture) => new(
        picture.Id,
        picture.Kind == PictureKind.Fast ? JobKind.Fast : JobKind.Optimise,
        Enum.Parse<JobStatus>(picture.Status.ToString()),
        QueuePosition: null,
        picture.Steps,
        picture.Steps,
        ((picture.FinishedAt ?? picture.CreatedAt) - picture.CreatedAt).TotalSeconds,
        Losses: null,
        Rate: null,
        RemainingSeconds: null,
        PreviewVersion: 0,
        picture.Error);

    /// <summary>The engine's picture while it has one (with an ETag of its bytes), else the stored file (with its Last-Modified).</summary>
    private static IResult Picture(byte[]? fromEngine, ResultStore results, string id)
    {
        if (fromEngine is not null) return Results.File(fromEngine, EncodedFormat.Png.MimeType(), entityTag: PictureCaching.EntityTagOf(fromEngine));
        return results.Find(id) is { } path ? Results.File(path, EncodedFormat.Png.MimeType()) : Results.NotFound();
    }

    /// <summary>
    /// <see cref="Picture"/> as WebP, for a finished picture a page shows large (<see cref="JobUpdate.ViewUrl"/>): the
    /// engine's picture encoded on request while it has one, else the stored file's view.
    /// </summary>
    private static async Task<IResult> ViewAsync(byte[]? fromEngine, ResultStore results, string id, HttpResponse response, CancellationToken ct)
    {
        if (fromEngine is null) return await ThumbnailAnswer.FileAsync(() => results.ViewAsync(id, ct), EncodedFormat.Webp, response);
        try
        {
            var webp = ThumbnailImages.View(ImageDecoder.Decode(fromEngine));
            return Results.File(webp, EncodedFormat.Webp.MimeType(), entityTag: PictureCaching.EntityTagOf(webp));
        }
        catch (DecodeBusyException e)
        {
            return EngineRefusals.Problem(EngineRefusals.Busy(e), response);
        }
    }

    private static async Task<IResult> CreateJobAsync(
        HttpContext context, IFormFile photo, [FromForm] string style, [FromForm] string? preset, [FromForm] int? maxSide, [FromForm] int? iterations,
        IStudioJobs studio, CancellationToken cancellationToken)
    {
        try
        {
            var options = OptionsFrom(preset, maxSide, iterations);
            await using var stream = photo.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            var owner = OwnerToken.Of(context);
            var (secret, hash) = owner is null ? JobSecret.New() : default;
            var request = StudioRequest.Single(buffer.ToArray(), style, options, owner, hash) with
            {
                Address = owner is null ? ClientAddress.KeyOf(context.Connection.RemoteIpAddress) : null,
            };
            var id = await studio.StartAsync(request, cancellationToken);
            return Results.Accepted($"/api/jobs/{id}", new JobCreated(id, $"/api/jobs/{id}", $"/api/jobs/{id}/result.png", $"/r/{id}", secret));
        }
        catch (UserFacingException e)
        {
            return EngineRefusals.Problem(e, context.Response);
        }
    }

    /// <summary>The answer to <c>POST /api/jobs</c>; <paramref name="Secret"/> only for a request without the owner cookie, and only here.</summary>
    private sealed record JobCreated(string Id, string Status, string Result, string Page,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Secret);

    /// <summary>Stops the job; 200 with whether it was still on its way (a finished one keeps its picture).</summary>
    private static async Task<IResult> CancelAsync(string id, HttpContext context, PictureArchive pictures, IStyleEngineClient engine, CancellationToken cancellationToken)
    {
        var (picture, refusal) = await CallersAsync(id, context, pictures, cancellationToken);
        if (picture is null) return refusal!;
        var cancelled = picture.EngineJobId is { } job && await engine.CancelAsync(job, cancellationToken);
        return Results.Ok(new { id, cancelled });
    }

    /// <summary>Deletes the picture the way /mine does (<see cref="PictureOwnership.DeleteAsync"/>): its job, record and files; 204.</summary>
    private static async Task<IResult> DeleteAsync(string id, HttpContext context, PictureArchive pictures, PictureOwnership ownership, CancellationToken cancellationToken)
    {
        var (picture, refusal) = await CallersAsync(id, context, pictures, cancellationToken);
        if (picture is null) return refusal!;
        return await ownership.DeleteAsync(id, OwnerToken.Of(context), cancellationToken, Secret(context))
            ? Results.NoContent()
            : Results.NotFound(); // deleted by another request in between
    }

    /// <summary>
    /// The picture when the caller made it (owner cookie) or holds its secret; otherwise the answer: 404 for an id with
    /// no picture, 403 for a picture that is someone else's.
    /// </summary>
    private static async Task<(PictureRecord? Picture, IResult? Refusal)> CallersAsync(
        string id, HttpContext context, PictureArchive pictures, CancellationToken cancellationToken)
    {
        if (!ResultStore.IsValidId(id) || await pictures.FindAsync(id, cancellationToken) is not { } picture) return (null, Results.NotFound());
        return PictureOwnership.MayCancelOrDelete(picture, OwnerToken.Of(context), Secret(context))
            ? (picture, null)
            : (null, Results.Problem(
                $"Only the browser that asked for this picture, or a script with its secret ({JobSecret.HeaderName}), may cancel or delete it.",
                statusCode: StatusCodes.Status403Forbidden));
    }

    private static string? Secret(HttpContext context) =>
        context.Request.Headers[JobSecret.HeaderName] is [{ } secret] ? secret : null;

    /// <exception cref="UserFacingException">No preset has this name.</exception>
    private static GatysOptions OptionsFrom(string? preset, int? maxSide, int? iterations)
    {
        var options = preset is null ? new GatysOptions() : PresetNamed(preset).ApplyTo(new GatysOptions());
        return LivePreviewPacing.Apply(options with
        {
            MaxSide = maxSide ?? options.MaxSide,
            Iterations = iterations ?? options.Iterations,
        });
    }

    private static GatysPreset PresetNamed(string name)
    {
        try
        {
            return GatysPresets.Get(name);
        }
        catch (ArgumentException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
