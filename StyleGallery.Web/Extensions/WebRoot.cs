namespace StyleGallery.Web.Extensions;

/// <summary>
/// The web root is <c>wwwroot</c> beside the binaries, where a publish puts every static asset (the repository's
/// <c>wwwroot-assets</c>, MudBlazor's, the framework's, each with its br and gzip copies). A build has none: its
/// static web assets manifest serves the files where they are (see <see cref="StaticAssets"/>), and no stale copy
/// beside the binaries can differ from what the manifest says.
/// </summary>
public static class WebRoot
{
    public static string Locate() => Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
