namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// Gives a browser its owner token on its first page request (a GET that accepts HTML): HttpOnly so scripts cannot
/// read it, SameSite=Lax so a link from elsewhere still carries it, Secure on HTTPS, kept for a year, its value
/// protected (<see cref="OwnerToken"/>) so that only a cookie the app issued names an owner.
/// </summary>
public sealed class OwnerCookieMiddleware(RequestDelegate next)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public Task InvokeAsync(HttpContext context)
    {
        if (IsPageRequest(context.Request) && OwnerToken.Of(context) is null) Issue(context);
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
