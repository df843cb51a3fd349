using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Settings for running on the internet (section <c>StyleGallery</c>): which proxies may say who the client is and
/// whether plain HTTP is sent to HTTPS. See docs/security.md.
/// </summary>
public sealed record SecuritySettings
{
    /// <summary>
    /// The addresses of the reverse proxies in front of the app (<c>StyleGallery:KnownProxies</c>, e.g. <c>["10.0.0.5"]</c>).
    /// Only their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: the client's address (rate limits)
    /// and whether it came over HTTPS (HSTS, the owner cookie's <c>Secure</c>). None by default: a request's own
    /// connection is the truth, and a visitor cannot claim another address with a header.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Redirect plain HTTP to HTTPS outside Development (<c>StyleGallery:HttpsRedirection</c>); off by default, as the TLS proxy usually does it.</summary>
    public bool HttpsRedirection { get; init; }

    public static SecuritySettings From(IConfiguration configuration) =>
        new()
        {
            KnownProxies = configuration.GetSection("StyleGallery:KnownProxies").Get<string[]>() ?? [],
            HttpsRedirection = configuration.GetValue("StyleGallery:HttpsRedirection", false),
        };

    /// <exception cref="InvalidOperationException">An entry of KnownProxies is not an IP address: fail at start, not on the first request.</exception>
    public IReadOnlyList<IPAddress> ProxyAddresses() =>
        KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"StyleGallery:KnownProxies: '{p}' is not an IP address.")).ToList();
}

/// <summary>
/// The headers every answer carries (issue 18, point 4): a Content-Security-Policy that the app's own pages satisfy
/// (Blazor Server's script and websocket from this origin, MudBlazor's inline styles, photo previews as <c>data:</c>
/// and the live camera's frames as <c>blob:</c> images; no inline or foreign script), no framing, no MIME sniffing
/// (user files are pictures and videos with their own types, never HTML), a referrer that keeps paths to this
/// site, and HSTS on HTTPS. A picture or video asked for with <c>?download</c> comes as an attachment.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IWebHostEnvironment environment)
{
    /// <summary>
    /// 'self' covers the circuit's websocket in current browsers; the page's own ws:/wss: origin is added for the
    /// ones that read 'self' as http(s) only.
    /// </summary>
    public static string ContentSecurityPolicy(HostString host) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
        + "font-src 'self' data:; connect-src 'self'" + (host.HasValue ? $" ws://{host} wss://{host}" : "") + "; worker-src 'self' blob:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where users' pictures and videos are served; these become attachments when the link asks for a download.</summary>
    private static readonly string[] UserFilePrefixes = ["/results/", "/videos/", "/paintings/", "/api/jobs/"];

    public Task InvokeAsync(HttpContext context)
    {
        // On starting, so an error page written by the exception handler (which clears headers) carries them too.
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Host);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // Only on HTTPS (a browser ignores it on HTTP, and the loopback HTTP of development and the tests stays usable).
        if (context.Request.IsHttps && !environment.IsDevelopment()) headers.StrictTransportSecurity = "max-age=31536000";
        if (IsDownload(context)) headers.ContentDisposition = $"attachment; filename=\"stylegallery-{SafeName(context.Request.Path)}\"";
    }

    private static bool IsDownload(HttpContext context) =>
        context.Request.Query.ContainsKey("download")
        && context.Response.StatusCode is >= 200 and < 300
        && UserFilePrefixes.Any(p => context.Request.Path.StartsWithSegments(p.TrimEnd('/'), StringComparison.Ordinal))
        && context.Response.ContentType is { } type && (type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal));

    /// <summary>
    /// "stylegallery-" and the file's name: the last path segment, or for <c>/api/jobs/{id}/result.png</c> the id;
    /// letters, digits, dots, dashes and underscores only (it goes into a header).
    /// </summary>
    private static string SafeName(PathString path)
    {
        var segments = path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments is [.., var id, "result.png"] ? id + ".png" : segments[^1];
        return new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').ToArray());
    }
}

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Forwarded headers from the configured proxies, HTTPS redirection when it is asked for, and the security
    /// headers; first in the pipeline, so every later step sees the real client and scheme.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var settings = SecuritySettings.From(app.Configuration);
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // The framework trusts loopback by default; only the configured proxies are trusted here.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in settings.ProxyAddresses()) forwarded.KnownProxies.Add(address);
        if (forwarded.KnownProxies.Count > 0) app.UseForwardedHeaders(forwarded);
        if (settings.HttpsRedirection && !app.Environment.IsDevelopment()) app.UseHttpsRedirection();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
