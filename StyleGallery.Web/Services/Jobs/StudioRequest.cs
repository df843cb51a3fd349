using StyleGallery.Engine.Gatys;

namespace StyleGallery.Web.Services.Jobs;

/// <summary>One painting of a blend and its share of the style loss (Gatys et al. 2016, §3: several styles mix by weights).</summary>
public sealed record StyleChoice(string StyleId, double Weight = 1.0);

/// <summary>
/// An optimisation as a visitor asks for it: the untrusted photo bytes, one or more styles with blend weights, the
/// engine's options, and the browser's owner token (null for API callers without one).
/// </summary>
public sealed record StudioRequest(byte[] Photo, IReadOnlyList<StyleChoice> Styles, GatysOptions Options, string? Owner = null)
{
    public static StudioRequest Single(byte[] photo, string styleId, GatysOptions options, string? owner = null) =>
        new(photo, [new StyleChoice(styleId)], options, owner);
}
