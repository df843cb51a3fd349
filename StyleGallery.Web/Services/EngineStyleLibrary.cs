using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Models;

namespace StyleGallery.Web.Services;

/// <summary>The installed fast styles of the engine's catalogue, then the paintings visitors added, as the pages show them.</summary>
public sealed class EngineStyleLibrary(StyleGalleryEngine engine, PaintingFiles paintings, UserStyleService userStyles) : IStyleLibrary
{
    public IReadOnlyList<StyleSummary> InstalledStyles() =>
        [.. engine.FastStyles().Where(s => engine.Models.IsInstalled(s.Id)).Select(ToSummary), .. userStyles.All()];

    private StyleSummary ToSummary(ModelEntry entry) => new(
        entry.Id,
        entry.Painting?.Title ?? entry.Title,
        entry.Painting?.Artist,
        entry.Painting?.Year,
        entry.Licence,
        HasFastNetwork: true,
        paintings.UrlFor(entry.Id));
}
