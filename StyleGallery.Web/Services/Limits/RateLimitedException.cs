namespace StyleGallery.Web.Services.Limits;

/// <summary>This client has done this too often lately (HTTP 429 with Retry-After); see <see cref="RateLimitSettings"/>.</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : UserFacingException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
