namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// The circuit's owner token. Interactive components have no HttpContext, so App.razor reads the token during the
/// prerender and hands it to Routes as a parameter, which stores it here (one instance per circuit).
/// </summary>
public sealed class BrowserOwner
{
    public string? Token { get; set; }
}
