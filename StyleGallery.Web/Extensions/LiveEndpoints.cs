using System.Diagnostics;
using System.Globalization;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Live;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// <c>POST /api/live/frames?style=wave&amp;size=320&amp;colors=false&amp;strength=0.8&amp;camera=ID&amp;frame=N</c> with a JPEG (or PNG)
/// body answers the painted frame as a JPEG; frames with the same camera id follow that camera's motion, in the order
/// of their numbers <c>frame</c> when they have them. Plain HTTP rather than the Blazor circuit: frames are larger than
/// a circuit message may be, and a request per frame gives the page its own pacing. The answer's <c>Server-Timing</c>
/// says how long reading the frame and painting it took (ms), so a page or benchmark can tell the server's time from
/// the wire's.
/// </summary>
public static class LiveEndpoints
{
    public static WebApplication MapLiveEndpoints(this WebApplication app)
    {
        app.MapPost("/api/live/frames", PaintAsync).DisableAntiforgery().WithMetadata(new ClientRateLimit(RateLimitPolicy.LiveFrames));
        return app;
    }

    private static async Task<IResult> PaintAsync(HttpContext context, string style, int? size, bool? colors, double? strength, string? camera, long? frame,
        LiveFrames live, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > LiveFrameRequest.MaxFrameBytes) return Results.Problem(TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge);
        try
        {
            if (frame < 0) throw new UserFacingException("A frame number counts up from 0.");
            var cameraKey = camera is null ? null : CameraKey(OwnerToken.Of(context), camera);
            var started = Stopwatch.GetTimestamp();
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            var read = Stopwatch.GetTimestamp();
            var defaults = new FastStyleOptions();
            var options = defaults with { MaxSide = size ?? 320, PreserveColors = colors ?? false, Strength = strength ?? defaults.Strength };
            var painted = await live.PaintAsync(body, style, options, cameraKey, cancellationToken, frame);
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
                $"read;dur={Stopwatch.GetElapsedTime(started, read).TotalMilliseconds:0.0}, paint;dur={Stopwatch.GetElapsedTime(read).TotalMilliseconds:0.0}");
            return Results.File(painted, EncodedFormat.Jpeg.MimeType());
        }
        catch (UserFacingException e)
        {
            return EngineRefusals.Problem(e, context.Response, retryAfter: FrameRetry);
        }
    }

    /// <summary>A camera frame is worth trying again at once: the next one is on its way anyway.</summary>
    private static readonly TimeSpan FrameRetry = TimeSpan.FromSeconds(1);

    public const int MaxCameraIdLength = 64;

    /// <summary>Whether a page's camera id can name a camera: 1 to 64 ASCII letters, digits or dashes.</summary>
    public static bool IsValidCameraId(string id) =>
        id.Length is > 0 and <= MaxCameraIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>
    /// The engine's name of a page's camera (a random id per start): within the browser's owner token, so two browsers'
    /// cameras never share a stream, and the id cannot reach into another's.
    /// </summary>
    /// <exception cref="UserFacingException">The id is not a valid camera id.</exception>
    private static string CameraKey(string? owner, string cameraId) =>
        IsValidCameraId(cameraId)
            ? (owner ?? "") + "/" + cameraId
            : throw new UserFacingException($"A camera id is 1 to {MaxCameraIdLength} letters, digits or dashes.");

    private static readonly string TooLarge = $"A live frame may be at most {LiveFrameRequest.MaxFrameBytes / (1024 * 1024)} MB.";

    /// <summary>
    /// Reads at most one byte past the limit, so a body without a length cannot fill the memory; a body whose length is
    /// known (a page's frame always has one) goes straight into an array of its size, with no copy.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= LiveFrameRequest.MaxFrameBytes)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }
        var body = request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > LiveFrameRequest.MaxFrameBytes) throw new UserFacingException(TooLarge);
        }
        return buffer.ToArray();
    }
}
