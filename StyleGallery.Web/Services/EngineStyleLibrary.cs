using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services;

/// <summary>The installed fast styles of the engine's catalogue and those trained here (read afresh each time), as the pages show them.</summary>
public sealed class EngineStyleLibrary(StyleGalleryEngine engine, PaintingFiles paintings) : IStyleLibrary
{
    public IReadOnlyList<StyleSummary> InstalledStyles() =>
        engine.AllFastStyles().Where(s => s.IsInstalled).Select(ToSummary).ToList();

    private StyleSummary ToSummary(FastStyleInfo entry) => new(
        entry.Id,
        entry.Title,
        entry.Artist,
        entry.Year,
        entry.Licence,
        HasFastNetwork: true,
        paintings.UrlFor(entry.Id));
}
