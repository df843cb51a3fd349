using System.Security.Claims;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// The circuit's owner token (one instance per circuit). Interactive components have no HttpContext; what the circuit
/// trusts is its own connection's cookie: <see cref="OwnerCookieMiddleware"/> puts the owner of the <c>/_blazor</c>
/// request's cookie on that request's user (<see cref="ConnectionUser"/>), and Blazor hands that user to the circuit.
/// The page's state (the token App.razor read during the prerender, carried to Routes as a parameter) only has to agree
/// with it: a page served to one browser and replayed by another names an owner the connection does not have, and its
/// circuit has no owner at all (<see cref="Bind"/>).
/// </summary>
public sealed class BrowserOwner
{
    /// <summary>The claim on a <c>/_blazor</c> connection's user that carries the owner of its cookie.</summary>
    public const string ClaimType = "StyleGallery.Owner";

    public string? Token { get; set; }

    /// <summary>The user of a <c>/_blazor</c> request whose cookie names <paramref name="owner"/> (none: an empty user).</summary>
    public static ClaimsPrincipal ConnectionUser(string? owner) =>
        new(owner is null ? new ClaimsIdentity() : new ClaimsIdentity([new Claim(ClaimType, owner)]));

    /// <summary>The owner a connection's user carries, or null.</summary>
    public static string? OwnerOf(ClaimsPrincipal? user) => user?.FindFirst(ClaimType)?.Value;

    /// <summary>
    /// Sets <see cref="Token"/>. During the prerender the page's owner is the request's own (read from its cookie then).
    /// In the circuit it is the connection's, and only when the page names the same one: otherwise none.
    /// </summary>
    /// <param name="pageOwner">The owner the page's state names.</param>
    /// <param name="connection">The circuit's user (its <c>/_blazor</c> connection's); ignored while prerendering.</param>
    /// <param name="interactive">Whether this runs in the circuit rather than the prerender.</param>
    public void Bind(string? pageOwner, ClaimsPrincipal? connection, bool interactive)
    {
        if (!interactive)
        {
            Token = pageOwner;
            return;
        }
        var own = OwnerOf(connection);
        Token = own is not null && own == pageOwner ? own : null;
    }
}
