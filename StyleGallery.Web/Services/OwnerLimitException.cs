namespace StyleGallery.Web.Services;

/// <summary>This browser already has as many optimisations queued or running as it may (HTTP 429).</summary>
public sealed class OwnerLimitException(int limit, string what = "picture")
    : UserFacingException($"You already have {limit} {(limit == 1 ? what : what + "s")} being painted; wait for one to finish or cancel it.")
{
    public int Limit { get; } = limit;
}
