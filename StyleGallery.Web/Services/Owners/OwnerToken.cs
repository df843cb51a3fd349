using System.Buffers.Text;
using System.Security.Cryptography;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// A browser's anonymous identity: 128 random bits (base64url, 22 characters) in an HttpOnly cookie. Whoever holds
/// it sees and deletes that browser's pictures, so it is never shown in a page or a URL.
/// </summary>
public static class OwnerToken
{
    public const string CookieName = "sg-owner";

    /// <summary>Where the middleware leaves a token it has just issued, so the same request's prerender can read it.</summary>
    public const string ItemKey = "StyleGallery.OwnerToken";

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The request's token: issued during this request, or sent in the cookie; null when there is none.</summary>
    public static string? Of(HttpContext context) =>
        context.Items[ItemKey] as string ?? (context.Request.Cookies[CookieName] is { } cookie && IsValid(cookie) ? cookie : null);
}
