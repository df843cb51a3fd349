namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// How often one client may do each costly thing (section <c>StyleGallery:RateLimits</c>, issue 18 point 1). A client is
/// the browser's owner cookie when the request carries one the app issued, else the remote address (the proxy's
/// forwarded address only from <c>StyleGallery:KnownProxies</c>). Each limit is a fixed window: <c>Permits</c> per
/// <c>Window</c>; past it the answer is HTTP 429 with Retry-After (or, in a page, the same message). See README.md,
/// "Settings", and docs/security.md.
/// </summary>
public sealed record RateLimitSettings
{
    public const string Section = "StyleGallery:RateLimits";

    /// <summary>Off only for a private deployment or a benchmark of the engine itself.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Optimisations and trainings started (<c>POST /api/jobs</c>, the studio, the home page, "Make a fast style").</summary>
    public RateLimit Jobs { get; init; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Photos painted with a fast style (the home page and the studio's fast look): an upload and a decode each.</summary>
    public RateLimit Uploads { get; init; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Videos uploaded on the video page: the largest uploads and the longest jobs.</summary>
    public RateLimit Videos { get; init; } = new() { Permits = 5, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// <c>POST /api/live/frames</c>: generous, a live camera with a lite network paints 24-30 frames a second and more at
    /// small sizes (60 a second on average here, so a minute of real time is never cut off).
    /// </summary>
    public RateLimit LiveFrames { get; init; } = new() { Permits = 3600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>New connections to the job hub (<c>/hubs/jobs</c>) and new Blazor circuits (<c>/_blazor</c>); a page load opens one circuit.</summary>
    public RateLimit Connections { get; init; } = new() { Permits = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Each remote address may use this many clients' worth of every HTTP limit, whatever cookies it sends: a script
    /// that fetches a fresh owner cookie for each request still meets a limit, while a household or office behind one
    /// address is not held to one browser's share.
    /// </summary>
    public int AddressFactor { get; init; } = 4;

    public RateLimit For(RateLimitPolicy policy) => policy switch
    {
        RateLimitPolicy.Jobs => Jobs,
        RateLimitPolicy.Uploads => Uploads,
        RateLimitPolicy.Videos => Videos,
        RateLimitPolicy.LiveFrames => LiveFrames,
        RateLimitPolicy.Connections => Connections,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static RateLimitSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
}

/// <summary><see cref="Permits"/> per <see cref="Window"/> (e.g. <c>"Window": "00:01:00"</c>).</summary>
public sealed record RateLimit
{
    public int Permits { get; init; }
    public TimeSpan Window { get; init; }
}

/// <summary>The things a client is limited in; see <see cref="RateLimitSettings"/>.</summary>
public enum RateLimitPolicy
{
    Jobs,
    Uploads,
    Videos,
    LiveFrames,
    Connections,
}
