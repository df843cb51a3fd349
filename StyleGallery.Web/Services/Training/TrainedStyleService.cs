using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Training;

/// <summary>
/// The fast styles visitors trained, with their trainer as owner: the engine keeps the networks and knows no owners,
/// the database (<see cref="TrainedStyleArchive"/>) says whose each is. Like an added painting, a trained style is its
/// owner's until the owner publishes it, and only its owner can delete it. A trained style without a record (trained
/// before owners were recorded, or by the command line) stays in everyone's gallery, and nobody here can delete it.
/// </summary>
public sealed class TrainedStyleService(TrainedStyleArchive archive, IStyleEngineClient engine, Thumbnails.PaintingThumbnails? thumbnails = null)
{
    /// <summary>Records who launched the training of <paramref name="styleId"/>, before it is queued, so it is never public by accident.</summary>
    public Task RecordLaunchAsync(string styleId, string title, string owner, CancellationToken ct = default) =>
        archive.RecordAsync(new TrainedStyleRecord { StyleId = styleId, Title = title, Owner = owner, CreatedAt = DateTimeOffset.UtcNow }, ct);

    /// <summary>Takes back the record of a training the engine refused to queue.</summary>
    public Task ForgetLaunchAsync(string styleId, CancellationToken ct = default) => archive.DeleteAsync(styleId, ct);

    /// <summary>
    /// The trained styles among <paramref name="styles"/> that <paramref name="owner"/> may see (published, its own, or
    /// without a record), each with whether it is in everyone's gallery; other styles pass as they are.
    /// </summary>
    public IReadOnlyList<(FastStyleInfo Style, bool Published)> VisibleTo(IReadOnlyList<FastStyleInfo> styles, string? owner)
    {
        var records = archive.ByStyleId(styles.Where(s => s.Origin == FastStyleOrigin.User).Select(s => s.Id).ToList());
        var catalogue = styles.Where(s => s.Origin != FastStyleOrigin.User).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return styles
            .Select(s => (Style: s, Record: s.Origin == FastStyleOrigin.User ? records.GetValueOrDefault(s.Id) : null))
            .Select(x => (x.Style, x.Record, Everyone: x.Record is not { } r || r.Published || IsLiteOfCatalogueStyle(x.Style, catalogue)))
            .Where(x => x.Everyone || (owner is not null && x.Record!.Owner == owner))
            .Select(x => (x.Style, x.Everyone && x.Style.Origin == FastStyleOrigin.User))
            .ToList();
    }

    /// <summary>
    /// A live version of a catalogue style holds nothing of its maker's (the teacher and the training photos are the
    /// site's), and there is one per style: it is everyone's from the start, so the next visitor finds it ready.
    /// </summary>
    private static bool IsLiteOfCatalogueStyle(FastStyleInfo style, HashSet<string> catalogue) =>
        style.TeacherId is { } teacher && catalogue.Contains(teacher);

    /// <summary>The styles <paramref name="owner"/> trained that the engine has (a training on its way or that failed has none), newest first.</summary>
    public async Task<IReadOnlyList<TrainedStyleRecord>> OwnedByAsync(string owner, CancellationToken ct = default)
    {
        var trained = engine.FastStyles().Where(s => s.Origin == FastStyleOrigin.User).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return (await archive.ListByOwnerAsync(owner, ct)).Where(r => trained.Contains(r.StyleId)).ToList();
    }

    /// <summary>Lists the style in every visitor's gallery, or takes it back; false unless <paramref name="owner"/> trained it.</summary>
    public async Task<bool> SetPublishedAsync(string styleId, string? owner, bool published, CancellationToken ct = default) =>
        await IsOwnerAsync(styleId, owner, ct) && await archive.SetPublishedAsync(styleId, published, ct);

    /// <summary>
    /// Deletes the style's network, painting (and its thumbnails) and record; false unless it exists and
    /// <paramref name="owner"/> trained it (a style without a record is nobody's to delete).
    /// </summary>
    public async Task<bool> DeleteAsync(string styleId, string? owner, CancellationToken ct = default)
    {
        if (!await IsOwnerAsync(styleId, owner, ct) || !await engine.DeleteTrainedStyleAsync(styleId, ct)) return false;
        thumbnails?.Delete(styleId);
        await archive.DeleteAsync(styleId, ct);
        return true;
    }

    private async Task<bool> IsOwnerAsync(string styleId, string? owner, CancellationToken ct) =>
        owner is not null && await archive.FindAsync(styleId, ct) is { } record && record.Owner == owner;
}
