namespace StyleGallery.Web.Services;

/// <summary>
/// This browser (or, for scripts without the cookie, this address) already has as many jobs of a kind on their way as it
/// may (HTTP 429); see <c>Owners.OwnerLimits</c>.
/// </summary>
public sealed class OwnerLimitException(int limit, string what = "picture", string doing = "being painted",
    string ending = "; wait for one to finish or cancel it")
    : UserFacingException($"You already have {limit} {(limit == 1 ? what : what + "s")} {doing}{ending}.")
{
    /// <summary>When a script may ask again: no one knows when a job ends, but a small one takes about this long.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public int Limit { get; } = limit;
}
