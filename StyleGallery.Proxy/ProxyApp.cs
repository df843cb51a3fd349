using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.SessionAffinity;

namespace StyleGallery.Proxy;

/// <summary>
/// The sticky reverse proxy in front of the cluster's web nodes: every path, WebSockets included, goes to one of the
/// nodes listed in <c>Proxy:Destinations</c>, and a browser keeps going to the same node. It must: a Blazor Server
/// circuit (a page's components and their state) lives in the memory of the one process that rendered the page, and
/// its <c>/_blazor</c> connection, its reconnects and the SignalR <c>/hubs/jobs</c> connection only work against that
/// process. A cookie (<see cref="AffinityCookie"/>) remembers the node; when that node dies, the health checks take
/// it out within seconds and its browsers are redistributed to a live node, where Blazor starts a new circuit.
/// YARP's default transforms add X-Forwarded-For/-Proto/-Host, so the nodes can see the client's address and scheme.
/// </summary>
public static class ProxyApp
{
    /// <summary>The cookie that names a browser's node (a hash of it, not its address).</summary>
    public const string AffinityCookie = ".StyleGallery.Affinity";

    /// <summary>The path each node answers 200 on while it can serve; the proxy probes it.</summary>
    public const string NodeHealthPath = "/healthz";

    /// <summary>The proxy's own health path: 200 while the proxy runs, whatever its nodes do.</summary>
    public const string HealthPath = "/proxy/healthz";

    private const string ClusterId = "web-nodes";

    private static readonly TimeSpan s_defaultHealthCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Builds the proxy from command-line arguments and the usual configuration (appsettings.json, environment,
    /// <c>--key=value</c> arguments): <c>Proxy:Destinations</c>, the nodes' base URLs (at least one), and
    /// <c>Proxy:HealthCheckInterval</c>, how often each node's <c>/healthz</c> is probed (seconds or hh:mm:ss,
    /// default 5 s). Where it listens comes from <c>--urls</c> / ASPNETCORE_URLS as for any ASP.NET Core app.
    /// </summary>
    /// <exception cref="InvalidOperationException">No destination, or one that is not an absolute http(s) URL.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection("Proxy");
        var destinations = section.GetSection("Destinations").Get<string[]>() ?? [];
        var interval = ParseInterval(section["HealthCheckInterval"]);
        builder.Services.AddReverseProxy().LoadFromMemory([CatchAllRoute()], [NodesCluster(destinations, interval)]);

        var app = builder.Build();
        app.MapGet(HealthPath, () => "Healthy");
        app.MapReverseProxy();
        return app;
    }

    /// <summary>Every path and method. The literal <see cref="HealthPath"/> route still wins: it is more specific.</summary>
    private static RouteConfig CatchAllRoute() =>
        new() { RouteId = "everything", ClusterId = ClusterId, Match = new RouteMatch { Path = "{**catch-all}" } };

    private static ClusterConfig NodesCluster(IReadOnlyList<string> destinations, TimeSpan interval)
    {
        if (destinations.Count == 0)
            throw new InvalidOperationException("No Proxy:Destinations configured: give the web nodes' base URLs, e.g. --Proxy:Destinations:0=http://127.0.0.1:5001.");
        foreach (var url in destinations)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new InvalidOperationException($"Proxy:Destinations has '{url}', which is not an absolute http(s) URL.");
        }
        return new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = destinations.Select((url, i) => (Id: $"node{i}", Url: url))
                .ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Url }),
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                // The cookie holds a hash of the node's id, so it does not reveal the cluster's internal addresses.
                Policy = SessionAffinityConstants.Policies.HashCookie,
                // A node that is gone (or unhealthy) hands its browsers to a live one instead of answering 503.
                FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
                AffinityKeyName = AffinityCookie,
                Cookie = new SessionAffinityCookieConfig { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, SecurePolicy = CookieSecurePolicy.SameAsRequest },
            },
            HealthCheck = new HealthCheckConfig
            {
                // Active: a killed node fails two probes in a row (connection refused) and is out about two intervals
                // later. A probe may take YARP's default 10 s: a node busy training answers slowly, and is not dead.
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true, Interval = interval, Path = NodeHealthPath, Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                },
                // Passive: a node whose forwarded requests fail (connection refused, reset: 30 % of at least 10 within
                // a minute) is taken out without waiting for the probes, for a minute (YARP's detection window).
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate },
                // When every node looks unhealthy (all busy and slow to answer a probe, say), try them all rather than
                // answer 503 to everyone.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
            // The default (100 s without a byte either way) would cut a long upload or a slow answer; Blazor and
            // SignalR ping every 15 s, so their WebSockets are never idle that long anyway.
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
        };
    }

    private static TimeSpan ParseInterval(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return s_defaultHealthCheckInterval;
        var interval = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;
        return interval > TimeSpan.Zero
            ? interval
            : throw new InvalidOperationException($"Proxy:HealthCheckInterval is '{text}'; give seconds (5) or hh:mm:ss (00:00:05).");
    }
}
