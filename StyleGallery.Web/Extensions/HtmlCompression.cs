using Microsoft.AspNetCore.ResponseCompression;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Brotli or gzip for the prerendered pages of a first visit: a GET without cookies (issue 25; numbers and reasoning in
/// docs/web-performance.md). The HTML is made per request, so it cannot be compressed at build time like the static
/// assets; compressed, the gallery's 72 KB page is about 12 KB. BREACH recovers a secret that is the same in many
/// responses from their compressed sizes, by reflecting guesses into the same responses; a request without cookies
/// carries nobody's identity, so its page holds no stable secret (its antiforgery token and circuit descriptors are new
/// and encrypted in every answer), whatever it reflects. A browser that sends cookies (a returning visitor, and every
/// request an attacker's page makes on a visitor's behalf) gets its pages uncompressed. Only <c>text/html</c>: the API's
/// JSON (a job's secret) is never compressed, and the static assets are already (MapStaticAssets).
/// </summary>
public static class HtmlCompression
{
    public static IServiceCollection AddHtmlCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            // Safe over HTTPS for the answers that reach the middleware (see IsFirstVisitPage); the default (off) exists for BREACH.
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });

    /// <summary>First in the pipeline, so it wraps the page's body before anything writes it.</summary>
    public static IApplicationBuilder UseHtmlCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsFirstVisitPage, branch => branch.UseResponseCompression());

    /// <summary>A GET (or HEAD) that carries no cookie and no credentials: nothing in its answer belongs to a visitor.</summary>
    public static bool IsFirstVisitPage(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.Request.Headers.Cookie.Count == 0
        && context.Request.Headers.Authorization.Count == 0;
}
