namespace StyleGallery.Engine.Imaging;

/// <summary>
/// Too many pictures are being decoded at once (<see cref="DecodeBudget"/>): nothing is wrong with this one, and it
/// should be sent again shortly. Hosts answer it as "busy" (the web app: HTTP 503 with Retry-After).
/// </summary>
public sealed class DecodeBusyException()
    : Exception("The server is reading too many large pictures at once. Please try again in a few seconds.")
{
    /// <summary>When to try again: a decode takes a second or two.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
}
