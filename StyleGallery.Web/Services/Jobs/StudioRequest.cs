using StyleGallery.Engine.Gatys;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>One painting of a blend and its share of the style loss (Gatys et al. 2016, §3: several styles mix by weights).</summary>
public sealed record StyleChoice(string StyleId, double Weight = 1.0);

/// <summary>
/// An optimisation as a visitor asks for it: the untrusted photo bytes, one or more styles with blend weights, the
/// engine's options, and the browser's owner token (null for API callers without one), or for those the hash of the
/// secret they were given to cancel and delete it with (<see cref="Owners.JobSecret"/>).
/// </summary>
public sealed record StudioRequest(byte[] Photo, IReadOnlyList<StyleChoice> Styles, GatysOptions Options, string? Owner = null, string? SecretHash = null)
{
    /// <summary>For a request without an owner: its address's key (<see cref="Limits.ClientAddress"/>), which its job counts against.</summary>
    public string? Address { get; init; }

    public static StudioRequest Single(byte[] photo, string styleId, GatysOptions options, string? owner = null, string? secretHash = null) =>
        new(photo, [new StyleChoice(styleId)], options, owner, secretHash);
}
