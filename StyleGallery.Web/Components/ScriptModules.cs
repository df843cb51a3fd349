using Microsoft.AspNetCore.Components;

namespace StyleGallery.Web.Components;

/// <summary>
/// Our JavaScript modules (<c>wwwroot-assets/js</c>) are imported by their fingerprinted URL, as the build's
/// static-asset manifest names them (<c>./js/live.js</c> → <c>./js/live.{hash}.js</c>): served with a year's
/// <c>immutable</c> caching, and fetched anew whenever the file changes. Blazor's own answer is an import map, but that is an
/// inline script, which the Content-Security-Policy's <c>script-src 'self'</c> forbids (docs/security.md).
/// </summary>
public static class ScriptModules
{
    private const string Relative = "./";

    /// <summary>
    /// The URL to import <paramref name="module"/> (<c>./js/live.js</c>) from; the module itself where the collection does
    /// not know it (a component test's empty one), so it still loads, only without the year's caching.
    /// </summary>
    public static string Url(ResourceAssetCollection assets, string module) =>
        module.StartsWith(Relative, StringComparison.Ordinal) ? Relative + assets[module[Relative.Length..]] : assets[module];
}
