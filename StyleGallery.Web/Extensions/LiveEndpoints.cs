using StyleGallery.Engine.Fast;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Live;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// <c>POST /api/live/frames?style=wave&amp;size=320&amp;colors=false&amp;strength=0.8&amp;camera=ID</c> with a JPEG (or PNG) body
/// answers the painted frame as a JPEG; frames with the same camera id follow that camera's motion (<see cref="LiveCameras"/>). Plain HTTP rather than the Blazor circuit: frames are larger than a circuit message may be, and a
/// request per frame gives the page its own pacing.
/// </summary>
public static class LiveEndpoints
{
    public static WebApplication MapLiveEndpoints(this WebApplication app)
    {
        app.MapPost("/api/live/frames", PaintAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PaintAsync(HttpContext context, string style, int? size, bool? colors, double? strength, string? camera, LiveFrames live,
        LiveCameras cameras, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > LiveFrames.MaxFrameBytes)
            return Results.Problem($"A live frame may be at most {LiveFrames.MaxFrameBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        try
        {
            var frame = await ReadBodyAsync(context.Request.Body, cancellationToken);
            var defaults = new FastStyleOptions();
            var options = defaults with { MaxSide = size ?? 320, PreserveColors = colors ?? false, Strength = strength ?? defaults.Strength };
            var stream = camera is null ? null : cameras.For(OwnerToken.Of(context) ?? "", camera);
            var painted = await live.PaintAsync(frame, style, options, stream, cancellationToken);
            return Results.File(painted, "image/jpeg");
        }
        catch (EngineBusyException e)
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (UserFacingException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Reads at most one byte past the limit, so a body without a length cannot fill the memory.</summary>
    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > LiveFrames.MaxFrameBytes)
                throw new UserFacingException($"A live frame may be at most {LiveFrames.MaxFrameBytes / (1024 * 1024)} MB.");
        }
        return buffer.ToArray();
    }
}
