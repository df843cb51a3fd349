using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Web.Services;

/// <summary>
/// The installed fast styles of the engine's catalogue, those trained here (read afresh each time), the catalogue's
/// installed paintings that have no fast network (optimisation only), then the paintings visitors added, as the pages
/// show them (the published ones, and to their owner its own: <see cref="UserStyleService.VisibleTo"/>; trained styles
/// likewise: <see cref="TrainedStyleService.VisibleTo"/>). Styles without a picture of their painting (networks of unknown provenance) come after those with one.
/// </summary>
public sealed class EngineStyleLibrary(IStyleEngineClient engine, PaintingFiles paintings, UserStyleService userStyles, TrainedStyleService trainedStyles) : IStyleLibrary
{
    public IReadOnlyList<StyleSummary> InstalledStyles() => StylesFor(owner: null);

    public IReadOnlyList<StyleSummary> StylesFor(string? owner)
    {
        var installed = engine.ModelStates().Where(m => m.IsInstalled).Select(m => m.Model.Id).ToHashSet(StringComparer.Ordinal);
        var fast = engine.FastStyles().Where(s => s.IsInstalled).ToList();
        var catalogue = trainedStyles.VisibleTo(fast, owner).Select(s => ToSummary(s.Style) with { Published = s.Published })
            .Concat(engine.PaintingOnlyStyles().Where(p => installed.Contains(p.Id)).Select(ToSummary))
            .OrderBy(s => s.PaintingUrl is null); // stable: catalogue order otherwise
        return [.. catalogue, .. userStyles.VisibleTo(owner)];
    }

    private StyleSummary ToSummary(FastStyleInfo entry) => new(
        entry.Id,
        entry.Title,
        entry.Artist,
        entry.Year,
        entry.Licence,
        HasFastNetwork: true,
        paintings.UrlFor(entry));

    private StyleSummary ToSummary(ModelEntry painting) => new(
        painting.Id,
        painting.Painting?.Title ?? painting.Title,
        painting.Painting?.Artist,
        painting.Painting?.Year,
        painting.Licence,
        HasFastNetwork: false,
        paintings.UrlFor(painting.Id));
}
