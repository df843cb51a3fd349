namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// Gives a browser its owner token on its first page request (a GET that accepts HTML): HttpOnly so scripts cannot
/// read it, SameSite=Lax so a link from elsewhere still carries it, Secure on HTTPS, kept for a year, its value
/// protected (<see cref="OwnerToken"/>) so that only a cookie the app issued names an owner. On the requests of the
/// interactive circuits' connection (<see cref="CircuitPath"/>) it puts the cookie's owner on the request's user, which
/// Blazor gives the circuit: the circuit's owner is its own connection's (<see cref="BrowserOwner.Bind"/>), never only
/// what its page says.
/// </summary>
public sealed class OwnerCookieMiddleware(RequestDelegate next)
{
    /// <summary>Blazor Server's hub: the negotiation and the connection of every interactive circuit.</summary>
    public const string CircuitPath = "/_blazor";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(CircuitPath)) context.User = BrowserOwner.ConnectionUser(OwnerToken.Of(context));
        else if (IsPageRequest(context.Request) && OwnerToken.Of(context) is null) Issue(context);
        return next(context);
    }

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) ?? false);

    private static void Issue(HttpContext context)
    {
        var token = OwnerToken.New();
        context.Items[OwnerToken.ItemKey] = token;
        context.Response.Cookies.Append(OwnerToken.CookieName, OwnerToken.CookieValue(context.RequestServices, token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = Lifetime,
            Path = "/",
        });
    }
}
