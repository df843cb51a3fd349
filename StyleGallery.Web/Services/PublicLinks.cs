using Microsoft.AspNetCore.Components;

namespace StyleGallery.Web.Services;

/// <summary>
/// Absolute links that leave the app (a copied share link, a preview a chat app fetches): on the configured
/// <see cref="StyleGalleryWebOptions.PublicBaseUrl"/> when there is one, so a request's Host header cannot write them.
/// </summary>
public sealed class PublicLinks(StyleGalleryWebOptions options, NavigationManager navigation)
{
    public string Absolute(string path) =>
        options.PublicBaseUrl is { } publicBase
            ? new Uri(new Uri(publicBase.TrimEnd('/') + "/"), path.TrimStart('/')).ToString()
            : navigation.ToAbsoluteUri(path).ToString();

    public string SharePage(string pictureId) => Absolute($"/r/{Uri.EscapeDataString(pictureId)}");

    public string Picture(string pictureId) => Absolute($"/api/jobs/{Uri.EscapeDataString(pictureId)}/result.png");
}
