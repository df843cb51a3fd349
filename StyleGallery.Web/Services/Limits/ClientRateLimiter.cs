using System.Globalization;
using System.Threading.RateLimiting;

namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// The rate limits for what pages start through services rather than HTTP (the circuit's studio, training, video and
/// fast-look calls): the services ask it with the browser's owner token. HTTP endpoints are limited by ASP.NET Core's
/// rate limiter (<c>Extensions.RateLimiting</c>) with the same settings, before the request reaches a service; a
/// request there without an owner (a script) is limited by address, so a null owner passes here.
/// </summary>
public interface IClientRateLimiter
{
    /// <exception cref="RateLimitedException">This owner has used up the policy's permits for now.</exception>
    void Acquire(RateLimitPolicy policy, string? owner);
}

/// <inheritdoc cref="IClientRateLimiter"/>
public sealed class ClientRateLimiter : IClientRateLimiter, IDisposable
{
    private readonly RateLimitSettings _settings;
    private readonly Dictionary<RateLimitPolicy, PartitionedRateLimiter<string>> _limiters;

    public ClientRateLimiter(RateLimitSettings settings)
    {
        _settings = settings;
        _limiters = Enum.GetValues<RateLimitPolicy>().ToDictionary(p => p, p => PerKey(settings.For(p)));
    }

    public void Acquire(RateLimitPolicy policy, string? owner)
    {
        if (!_settings.Enabled || owner is null) return;
        using var lease = _limiters[policy].AttemptAcquire(owner);
        if (!lease.IsAcquired) throw Refusal(policy, lease, _settings.For(policy));
    }

    /// <summary>A fixed window per key: <see cref="RateLimit.Permits"/> each <see cref="RateLimit.Window"/>, nothing queued.</summary>
    public static PartitionedRateLimiter<string> PerKey(RateLimit limit, int factor = 1) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Options(limit, factor)));

    public static FixedWindowRateLimiterOptions Options(RateLimit limit, int factor = 1) => new()
    {
        PermitLimit = Math.Max(1, limit.Permits * factor),
        Window = limit.Window > TimeSpan.Zero ? limit.Window : TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>When to try again: what the limiter says, else a whole window.</summary>
    public static TimeSpan RetryAfterOf(RateLimitLease lease, RateLimit limit) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : limit.Window;

    public static RateLimitedException Refusal(RateLimitPolicy policy, RateLimitLease lease, RateLimit limit)
    {
        var after = RetryAfterOf(lease, limit);
        return new RateLimitedException(MessageOf(policy, limit, after), after);
    }

    /// <summary>What a visitor or a script reads: what was limited, the limit, and when to try again.</summary>
    public static string MessageOf(RateLimitPolicy policy, RateLimit limit, TimeSpan retryAfter)
    {
        var what = policy switch
        {
            RateLimitPolicy.Jobs => "paintings started",
            RateLimitPolicy.Uploads => "photos painted",
            RateLimitPolicy.Videos => "videos uploaded",
            RateLimitPolicy.LiveFrames => "live frames",
            _ => "new connections",
        };
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"Too many {what}: at most {limit.Permits} every {Describe(limit.Window)}. Try again in {seconds} s.");
    }

    private static string Describe(TimeSpan window) => window.TotalMinutes >= 1 && window.Seconds == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{window.TotalSeconds:0} s");

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
    }
}
