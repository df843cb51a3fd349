using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services;

/// <summary>
/// The installed fast styles of the engine's catalogue, those trained here (read afresh each time), then the paintings
/// visitors added, as the pages show them.
/// </summary>
public sealed class EngineStyleLibrary(StyleGalleryEngine engine, PaintingFiles paintings, UserStyleService userStyles) : IStyleLibrary
{
    public IReadOnlyList<StyleSummary> InstalledStyles() =>
        [.. engine.AllFastStyles().Where(s => s.IsInstalled).Select(ToSummary), .. userStyles.All()];

    private StyleSummary ToSummary(FastStyleInfo entry) => new(
        entry.Id,
        entry.Title,
        entry.Artist,
        entry.Year,
        entry.Licence,
        HasFastNetwork: true,
        paintings.UrlFor(entry.Id));
}
