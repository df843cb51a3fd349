namespace StyleGallery.Web.Services;

/// <summary>This browser already has as many jobs of a kind on their way as it may (HTTP 429); see <c>Owners.OwnerLimits</c>.</summary>
public sealed class OwnerLimitException(int limit, string what = "picture", string doing = "being painted")
    : UserFacingException($"You already have {limit} {(limit == 1 ? what : what + "s")} {doing}; wait for one to finish or cancel it.")
{
    public int Limit { get; } = limit;
}
