namespace StyleGallery.Web.Extensions;

/// <summary>
/// The framework's, MudBlazor's and our own files (<c>wwwroot-assets</c>, a static web assets root of the project) are
/// served by <c>MapStaticAssets</c> from the build's manifest: compressed at build time (br and gzip, as Accept-Encoding
/// allows), under fingerprinted URLs cached <c>immutable</c> for a year, and under their plain URLs with an ETag, so a
/// browser's revalidation is a 304 (issue 25).
/// </summary>
public static class StaticAssets
{
    /// <summary>ASP.NET Core's setting: whether a build manifest's files are reread on every request.</summary>
    public const string ReloadAtRuntimeKey = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddStaticAssets(this WebApplicationBuilder builder)
    {
        // The app runs from its build output (run-app.sh, the tests), not from a publish folder: the manifest there names
        // files in the repository, the NuGet cache and obj/, which this composes into the web root in every environment.
        builder.WebHost.UseStaticWebAssets();
        // A build's manifest makes ASP.NET Core assume development: every asset is sent no-cache, its ETag is recomputed,
        // and a file whose time differs from the manifest's is sent "gzip" without compression. Outside Development nothing
        // changes the files while the app runs, so the manifest is served as a publish's would be (the setting still wins).
        if (!builder.Environment.IsDevelopment() && builder.Configuration[ReloadAtRuntimeKey] is null)
            builder.Configuration.AddInMemoryCollection([new(ReloadAtRuntimeKey, "false")]);
        return builder;
    }
}
