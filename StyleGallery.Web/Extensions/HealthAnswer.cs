using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StyleGallery.Web.Extensions;

/// <summary>The body of <c>/healthz</c>: the overall status and each check's (database, queue), so an operator sees which part is down.</summary>
internal static class HealthAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
