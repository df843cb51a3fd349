using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Tests.Web.Data;
using StyleGallery.Web.Components;
using StyleGallery.Web.Components.Results;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Tests.Web.Owners;

/// <summary>
/// Issue 24, point 5: a circuit's owner is its own connection's cookie. A second browser served the first one's page
/// (whose state names the first owner) has no owner in its circuit, and cannot publish the first owner's picture.
/// </summary>
public sealed class CircuitOwnerTests : DataPage
{
    private const string Mallory = "mallory-token-00000000";

    [Fact]
    public async Task A_circuit_whose_connection_is_another_browser_s_cannot_act_for_the_page_s_owner()
    {
        var picture = await Data.AddPictureAsync(Me);
        RenderRoutesInACircuit(pageOwner: Me, connectionOwner: Mallory);

        Assert.Null(Owner.Token);
        var toggle = Render<PublishToggle>(p => p.Add(c => c.PictureId, picture.Id).Add(c => c.Published, false));
        toggle.Find("input[data-testid=publish-toggle]").Change(true);

        toggle.WaitForAssertion(() => Assert.False(toggle.Find("input[data-testid=publish-toggle]").HasAttribute("disabled")));
        Assert.False((await Data.Pictures.FindAsync(picture.Id))!.Published);
    }

    [Fact]
    public async Task A_circuit_whose_connection_carries_the_page_s_owner_acts_for_it()
    {
        var picture = await Data.AddPictureAsync(Me);
        RenderRoutesInACircuit(pageOwner: Me, connectionOwner: Me);

        Assert.Equal(Me, Owner.Token);
        var toggle = Render<PublishToggle>(p => p.Add(c => c.PictureId, picture.Id).Add(c => c.Published, false));
        toggle.Find("input[data-testid=publish-toggle]").Change(true);

        toggle.WaitForAssertion(() => Assert.True(Data.Pictures.FindAsync(picture.Id).Result!.Published));
    }

    [Fact]
    public void A_page_that_names_no_owner_gives_none_even_to_a_connection_with_one()
    {
        RenderRoutesInACircuit(pageOwner: null, connectionOwner: Mallory);

        Assert.Null(Owner.Token);
    }

    [Fact]
    public async Task The_circuit_s_connection_carries_the_owner_of_its_own_cookie_and_no_other()
    {
        var services = new ServiceCollection().AddDataProtection().Services.BuildServiceProvider();
        var middleware = new OwnerCookieMiddleware(_ => Task.CompletedTask);

        var mallorys = Connection(services, "/_blazor", OwnerToken.CookieValue(services, Mallory));
        var forged = Connection(services, "/_blazor", Me); // a cookie the app did not issue
        await middleware.InvokeAsync(mallorys);
        await middleware.InvokeAsync(forged);

        Assert.Equal(Mallory, BrowserOwner.OwnerOf(mallorys.User));
        Assert.Null(BrowserOwner.OwnerOf(forged.User));
    }

    private static DefaultHttpContext Connection(IServiceProvider services, string path, string cookie)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = path;
        context.Request.Headers.Cookie = $"{OwnerToken.CookieName}={cookie}";
        return context;
    }

    /// <summary>Routes as the circuit renders it: interactive, its user the connection's (as OwnerCookieMiddleware sets it).</summary>
    private void RenderRoutesInACircuit(string? pageOwner, string connectionOwner)
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FixedConnection(BrowserOwner.ConnectionUser(connectionOwner)));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/nothing-here");
        Render<Routes>(p => p.Add(c => c.Owner, pageOwner));
    }

    private sealed class FixedConnection(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
