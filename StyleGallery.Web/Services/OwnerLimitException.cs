namespace StyleGallery.Web.Services;

/// <summary>This browser already has as many optimisations queued or running as it may (HTTP 429).</summary>
public sealed class OwnerLimitException(int limit)
    : UserFacingException($"You already have {limit} {(limit == 1 ? "picture" : "pictures")} being painted; wait for one to finish or cancel it.")
{
    public int Limit { get; } = limit;
}
