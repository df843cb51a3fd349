using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Models;
using StyleGallery.Web.Services.Training;

namespace StyleGallery.Web.Services;

/// <summary>
/// The installed fast styles of the engine's catalogue, those trained here (read afresh each time), the catalogue's
/// installed paintings that have no fast network (optimisation only), then the paintings visitors added, as the pages
/// show them (the published ones, and to their owner its own: <see cref="UserStyleService.VisibleTo"/>; trained styles
/// likewise: <see cref="TrainedStyleService.VisibleTo"/>). Styles without a picture of their painting (networks of unknown provenance) come after those with one;
/// a live version (a lite network distilled from a style) comes right after its style.
/// </summary>
public sealed class EngineStyleLibrary(IStyleEngineClient engine, PaintingFiles paintings, UserStyleService userStyles, TrainedStyleService trainedStyles) : IStyleLibrary
{
    public IReadOnlyList<StyleSummary> InstalledStyles() => StylesFor(owner: null);

    public IReadOnlyList<StyleSummary> StylesFor(string? owner)
    {
        var installed = engine.ModelStates().Where(m => m.IsInstalled).Select(m => m.Model.Id).ToHashSet(StringComparer.Ordinal);
        var fast = engine.FastStyles().Where(s => s.IsInstalled).ToList();
        var visible = trainedStyles.VisibleTo(fast, owner);
        var visibleIds = visible.Select(s => s.Style.Id).ToHashSet(StringComparer.Ordinal);
        var catalogue = visible.Select(s => ToSummary(s.Style, visibleIds) with { Published = s.Published })
            .Concat(engine.PaintingOnlyStyles().Where(p => installed.Contains(p.Id)).Select(ToSummary))
            .OrderBy(s => s.PaintingUrl is null) // stable: catalogue order otherwise
            .ToList();
        return [.. BesideTheirTeachers(catalogue), .. userStyles.VisibleTo(owner)];
    }

    /// <summary>Each live version right after the style it was distilled from (where that one is listed too).</summary>
    private static IEnumerable<StyleSummary> BesideTheirTeachers(IReadOnlyList<StyleSummary> styles)
    {
        var listed = styles.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var liteOf = styles.Where(s => s.TeacherId is { } teacher && listed.Contains(teacher)).ToLookup(s => s.TeacherId!, StringComparer.Ordinal);
        foreach (var style in styles.Where(s => s.TeacherId is not { } teacher || !listed.Contains(teacher)))
        {
            yield return style;
            foreach (var lite in liteOf[style.Id]) yield return lite;
        }
    }

    /// <summary>A style's live version is named only where this visitor may see it (another's private one is not).</summary>
    private StyleSummary ToSummary(FastStyleInfo entry, IReadOnlySet<string> visible) => new StyleSummary(
        entry.Id,
        entry.Title,
        entry.Artist,
        entry.Year,
        entry.Licence,
        HasFastNetwork: true,
        paintings.UrlFor(entry))
    {
        LiteVersionId = entry.LiteVersionId is { } lite && visible.Contains(lite) ? lite : null,
        TeacherId = entry.TeacherId,
    };

    private StyleSummary ToSummary(ModelEntry painting) => new(
        painting.Id,
        painting.Painting?.Title ?? painting.Title,
        painting.Painting?.Artist,
        painting.Painting?.Year,
        painting.Licence,
        HasFastNetwork: false,
        paintings.UrlFor(painting.Id));
}
