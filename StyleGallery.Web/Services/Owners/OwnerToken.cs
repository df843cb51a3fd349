using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// A browser's anonymous identity: 128 random bits (base64url, 22 characters) in an HttpOnly cookie. Whoever holds
/// it sees and deletes that browser's pictures, so it is never shown in a page or a URL. The cookie carries the token
/// protected by ASP.NET Core Data Protection (keys in the database, so every restart and node reads it): a value the
/// app did not issue, planted or tampered with, is no owner, and the browser gets a new one.
/// </summary>
public static class OwnerToken
{
    public const string CookieName = "sg-owner";

    /// <summary>Where the middleware leaves a token it has just issued, so the same request's prerender can read it.</summary>
    public const string ItemKey = "StyleGallery.OwnerToken";

    /// <summary>The purpose string: a value protected for anything else cannot pass for an owner cookie.</summary>
    private const string Purpose = "StyleGallery.OwnerToken.v1";

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The request's token: issued during this request, or sent in a cookie the app issued; null otherwise.</summary>
    public static string? Of(HttpContext context) =>
        context.Items[ItemKey] as string ?? FromCookie(context.RequestServices, context.Request.Cookies[CookieName]);

    /// <summary>The cookie's value for <paramref name="token"/>.</summary>
    public static string CookieValue(IServiceProvider services, string token) => Protector(services).Protect(token);

    /// <summary>The token inside a cookie value, or null when the app did not issue it.</summary>
    public static string? FromCookie(IServiceProvider services, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 512) return null;
        try
        {
            var token = Protector(services).Unprotect(cookie);
            return IsValid(token) ? token : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
