using System.Buffers.Text;
using System.Security.Cryptography;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Cache-Control for pictures (issue 25), on successful answers only: a 404 is never cached, so a picture that appears
/// later (a job that ends, a painting installed on first use) is found. Visitors' pictures are private: once its owner
/// deletes a picture every URL of it is 404 (docs/security.md, point 1), and no shared cache should go on serving it;
/// a browser keeps what it has already shown. A picture's thumbnails are cached as the picture is.
/// </summary>
public static class PictureCaching
{
    /// <summary>
    /// A result's files (<c>/results/{id}.png</c>, <c>.jpg</c>, <c>.content.jpg</c> and the thumbnails of both, such as
    /// <c>.thumb-card-240.webp</c>) are written once, when the picture is made (the thumbnails from it, on first request),
    /// under an unguessable id that is never reused: the URL changes with the content. So does <c>/api/jobs/{id}/result.png</c>:
    /// it answers only once the job has ended (succeeded, or cancelled with the picture it reached), and never changes after.
    /// </summary>
    public const string Result = "private, max-age=31536000, immutable";

    /// <summary>
    /// A painting's URL is its style's id, not its content: it does not change today, but a week (then a revalidation
    /// against its Last-Modified) leaves room for a catalogue that replaces one.
    /// </summary>
    public const string Painting = "private, max-age=604800";

    /// <summary>
    /// The studio's sample photos and their thumbnails: the operator's files, the same for every visitor (so public),
    /// named by their file name, not their content; a week, as paintings.
    /// </summary>
    public const string Sample = "public, max-age=604800";

    /// <summary>
    /// A job's newest picture (<c>/jobs/{id}/preview.png</c>, with or without the page's <c>?v=N</c>) changes while the job
    /// runs, and a version number can name another picture after a restart (the job goes on from its checkpoint): a
    /// browser keeps it but asks again each time, and an unchanged picture is a 304 by its <see cref="EntityTagOf">ETag</see>.
    /// </summary>
    public const string Preview = "private, no-cache";

    /// <summary>A strong ETag of a picture's bytes, for answers made in memory (a file answers by its Last-Modified).</summary>
    public static Microsoft.Net.Http.Headers.EntityTagHeaderValue EntityTagOf(byte[] content) =>
        new($"\"{Base64Url.EncodeToString(SHA256.HashData(content).AsSpan(0, 16))}\"");

    /// <summary>Sends <paramref name="cacheControl"/> with the endpoint's 200, 206 and 304 answers.</summary>
    public static RouteHandlerBuilder CachedFor(this RouteHandlerBuilder endpoint, string cacheControl) =>
        endpoint.AddEndpointFilter((context, next) =>
        {
            var response = context.HttpContext.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified)
                    response.Headers.CacheControl = cacheControl;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
