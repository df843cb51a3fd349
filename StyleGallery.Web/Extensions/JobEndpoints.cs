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

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Job pictures for pages (<c>/jobs/{id}/preview.png</c>: the newest preview, or the final picture) and the small
/// API for scripts: <c>POST /api/jobs</c> (multipart: photo, style, preset, maxSide, iterations),
/// <c>GET /api/jobs/{id}</c>, <c>GET /api/jobs/{id}/result.png</c>. A job the engine has forgotten (the app
/// restarted) is answered from its picture record and file.
/// </summary>
public static class JobEndpoints
{
    public static WebApplication MapJobEndpoints(this WebApplication app)
    {
        app.MapGet("/jobs/{id}/preview.png", async (string id, IStyleEngineClient engine, ResultStore results, CancellationToken ct) =>
            Picture(await engine.PreviewAsync(id, ct), results, id));
        app.MapGet("/api/jobs/{id}/result.png", async (string id, IStyleEngineClient engine, ResultStore results, CancellationToken ct) =>
            Picture(await engine.ResultAsync(id, ct), results, id));
        app.MapGet("/api/jobs/{id}", StatusAsync);
        app.MapPost("/api/jobs", CreateJobAsync).DisableAntiforgery().WithMetadata(new ClientRateLimit(RateLimitPolicy.Jobs));
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

    /// <summary>The engine's picture while it has one, else the stored file.</summary>
    private static IResult Picture(byte[]? fromEngine, ResultStore results, string id)
    {
        if (fromEngine is not null) return Results.File(fromEngine, EncodedFormat.Png.MimeType());
        return results.Find(id) is { } path ? Results.File(path, EncodedFormat.Png.MimeType()) : Results.NotFound();
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
            var request = StudioRequest.Single(buffer.ToArray(), style, options, OwnerToken.Of(context));
            var id = await studio.StartAsync(request, cancellationToken);
            return Results.Accepted($"/api/jobs/{id}", new { id, status = $"/api/jobs/{id}", result = $"/api/jobs/{id}/result.png", page = $"/r/{id}" });
        }
        catch (UserFacingException e)
        {
            return EngineRefusals.Problem(e, context.Response);
        }
    }

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
