using System.Globalization;
using System.Threading.RateLimiting;
using StyleGallery.Web.Hubs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Extensions;

/// <summary>Endpoint metadata: requests to this endpoint count against the client's <see cref="Policy"/>.</summary>
public sealed record ClientRateLimit(RateLimitPolicy Policy);

/// <summary>
/// ASP.NET Core's rate limiter over the HTTP side of the app (issue 18 point 1), with <see cref="RateLimitSettings"/>:
/// <c>POST /api/jobs</c> (<see cref="RateLimitPolicy.Jobs"/>), <c>POST /api/live/frames</c>
/// (<see cref="RateLimitPolicy.LiveFrames"/>) and each new connection to <c>/hubs/jobs</c> or <c>/_blazor</c>
/// (<see cref="RateLimitPolicy.Connections"/>: a negotiation, or a websocket opened without one). Two tiers, both of
/// which must pass: the client (its owner cookie, else its address) and its address with
/// <see cref="RateLimitSettings.AddressFactor"/> times the permits. A refusal is 429 with Retry-After and a problem
/// whose detail says what was limited. What pages start through the circuit is limited in the services by
/// <see cref="IClientRateLimiter"/>.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IClientRateLimiter, ClientRateLimiter>();
        if (!settings.Enabled) return services;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Tier(settings, ClientOf, factor: 1),
                Tier(settings, c => ClientAddress.KeyOf(c.Connection.RemoteIpAddress), Math.Max(1, settings.AddressFactor)));
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var policy = PolicyOf(context) ?? RateLimitPolicy.Connections;
                var limit = settings.For(policy);
                var after = ClientRateLimiter.RetryAfterOf(rejected.Lease, limit);
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Results.Problem(ClientRateLimiter.MessageOf(policy, limit, after), statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests").ExecuteAsync(context));
            };
        });
        return services;
    }

    /// <summary>After forwarded headers (the real address) and the owner cookie; before any endpoint.</summary>
    public static WebApplication UseClientRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitSettings>().Enabled) app.UseRateLimiter();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> Tier(RateLimitSettings settings, Func<HttpContext, string> keyOf, int factor) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => PolicyOf(context) is { } policy
            ? RateLimitPartition.GetFixedWindowLimiter(policy + "|" + keyOf(context), _ => ClientRateLimiter.Options(settings.For(policy), factor))
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>The endpoint's policy, or <see cref="RateLimitPolicy.Connections"/> for a new hub connection or circuit; null: not limited.</summary>
    public static RateLimitPolicy? PolicyOf(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ClientRateLimit>() is { } limit) return limit.Policy;
        return IsNewConnection(context.Request) ? RateLimitPolicy.Connections : null;
    }

    /// <summary>
    /// A negotiation, or a connection opened without one (a websocket with skipNegotiation), to the job hub or the
    /// Blazor hub; the requests of a connection that exists carry its <c>id</c> and are not counted.
    /// </summary>
    private static bool IsNewConnection(HttpRequest request)
    {
        foreach (var hub in HubPaths)
        {
            if (!request.Path.StartsWithSegments(hub, out var rest)) continue;
            return rest.Equals("/negotiate", StringComparison.OrdinalIgnoreCase) || (!rest.HasValue && !request.Query.ContainsKey("id"));
        }
        return false;
    }

    private static readonly PathString[] HubPaths = [new(JobsHub.Path), new("/_blazor")];

    /// <summary>The owner cookie's token when the request carries one the app issued (read, never issued here), else the address.</summary>
    public static string ClientOf(HttpContext context) =>
        OwnerToken.Of(context) is { } owner ? "owner:" + owner : ClientAddress.KeyOf(context.Connection.RemoteIpAddress);
}
