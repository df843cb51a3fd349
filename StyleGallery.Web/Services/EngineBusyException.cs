namespace StyleGallery.Web.Services;

/// <summary>
/// The engine's queue is full, or too many pictures are being decoded at once: nothing is wrong with the request, it
/// should be tried again shortly (HTTP 503).
/// </summary>
/// <param name="retryAfter">When to try again, where the cause knows better than <see cref="RetryAfter"/>.</param>
public sealed class EngineBusyException(string message, Exception? inner = null, TimeSpan? retryAfter = null) : UserFacingException(message, inner)
{
    /// <summary>What to tell a script in Retry-After by default.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>What to tell a script in Retry-After for this refusal.</summary>
    public TimeSpan TryAgainAfter { get; } = retryAfter ?? RetryAfter;
}
