using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services;

/// <summary>A finished one-click stylisation, stored and served at <see cref="ImageUrl"/>; <see cref="Id"/> is its share-link id.</summary>
public sealed record QuickStyleResult(string Id, string ImageUrl, int Width, int Height, TimeSpan Elapsed);

/// <summary>One-click stylisation of an uploaded photo with a fast style network.</summary>
public interface IQuickStyleService
{
    /// <summary>
    /// Paints the photo with <paramref name="look"/> (colours, strength; its size and precision are the defaults'), and
    /// stores it as a picture of <paramref name="owner"/> (the browser's token; null for none).
    /// </summary>
    /// <exception cref="UserFacingException">The photo cannot be used, the style is unknown or the engine is busy.</exception>
    Task<QuickStyleResult> StylizeAsync(byte[] photo, string styleId, FastStyleOptions look, string? owner, CancellationToken cancellationToken);
}

/// <summary>An error whose message is written for the person using the page; subclasses say which kind, for HTTP status codes.</summary>
public class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);
