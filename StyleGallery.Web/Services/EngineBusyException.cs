namespace StyleGallery.Web.Services;

/// <summary>The engine's queue is full: nothing is wrong with the request, it should be tried again shortly (HTTP 503).</summary>
public sealed class EngineBusyException(string message, Exception? inner = null) : UserFacingException(message, inner)
{
    /// <summary>What to tell a script in Retry-After.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
}
