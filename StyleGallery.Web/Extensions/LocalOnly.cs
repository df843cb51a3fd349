using System.Net;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// An endpoint filter for operator endpoints: only a client on this machine that came straight here (no proxy's
/// forwarded header) is served; anyone else gets 404, as if there were nothing.
/// </summary>
internal static class LocalOnly
{
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var local = http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For");
        return local ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
    }
}
