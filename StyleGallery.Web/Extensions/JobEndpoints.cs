using Microsoft.AspNetCore.Mvc;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Job pictures for pages (<c>/jobs/{id}/preview.png</c>: the newest preview, or the final picture) and the small
/// API for scripts: <c>POST /api/jobs</c> (multipart: photo, style, preset, maxSide, iterations),
/// <c>GET /api/jobs/{id}</c>, <c>GET /api/jobs/{id}/result.png</c>.
/// </summary>
public static class JobEndpoints
{
    public static WebApplication MapJobEndpoints(this WebApplication app)
    {
        app.MapGet("/jobs/{id}/preview.png", (string id, StyleGalleryEngine engine) => Picture(engine, id, finalOnly: false));
        app.MapGet("/api/jobs/{id}/result.png", (string id, StyleGalleryEngine engine) => Picture(engine, id, finalOnly: true));
        app.MapGet("/api/jobs/{id}", (string id, IJobNotifications jobs) =>
            jobs.Current(id) is { } update ? Results.Ok(update) : Results.NotFound());
        app.MapPost("/api/jobs", CreateJobAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Picture(StyleGalleryEngine engine, string id, bool finalOnly)
    {
        var job = engine.Jobs.Get(id);
        if (job is null) return Results.NotFound();
        var picture = job.Result as RgbImage ?? (finalOnly ? null : engine.Jobs.LatestPreview(id));
        return picture is null
            ? Results.NotFound()
            : Results.File(ImageEncoder.Encode(picture, EncodedFormat.Png), "image/png");
    }

    private static async Task<IResult> CreateJobAsync(
        IFormFile photo, [FromForm] string style, [FromForm] string? preset, [FromForm] int? maxSide, [FromForm] int? iterations,
        IStudioJobs studio, CancellationToken cancellationToken)
    {
        try
        {
            var options = OptionsFrom(preset, maxSide, iterations);
            await using var stream = photo.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            var id = await studio.StartAsync(StudioRequest.Single(buffer.ToArray(), style, options), cancellationToken);
            return Results.Accepted($"/api/jobs/{id}", new { id, status = $"/api/jobs/{id}", result = $"/api/jobs/{id}/result.png" });
        }
        catch (UserFacingException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static GatysOptions OptionsFrom(string? preset, int? maxSide, int? iterations)
    {
        var options = preset is null ? new GatysOptions() : GatysPresets.Get(preset).ApplyTo(new GatysOptions());
        return options with
        {
            MaxSide = maxSide ?? options.MaxSide,
            Iterations = iterations ?? options.Iterations,
            PreviewEveryIterations = 1,
        };
    }
}
