using StyleGallery.Data;

namespace StyleGallery.Web.Services;

/// <summary>What a visitor fills in to add a painting as a style.</summary>
public sealed record NewUserStyle(byte[] Painting, string Title, string? Artist, string? Owner);

/// <summary>
/// Paintings visitors add as styles: validated and re-encoded, stored as a file and a record, offered at once for
/// optimisation (they have no fast network until one is trained). Each is private to the browser that added it until
/// that browser publishes it (as pictures are); a browser may keep <see cref="StyleGalleryWebOptions.MaxUserStylesPerOwner"/>.
/// </summary>
public sealed class UserStyleService(UserStyleArchive archive, UserPaintingFiles files, StyleGalleryWebOptions options, Limits.StorageQuota? storage = null)
{
    public const string Licence = "Added by a visitor";

    /// <summary>The most user styles one page lists: the published ones beyond it wait for a later page of the archive.</summary>
    public const int MaxListed = 500;

    /// <exception cref="UserFacingException">
    /// The file is not a readable picture within the limits, the title is missing or too long, the browser has no
    /// owner cookie or already has as many styles as it may.
    /// </exception>
    public async Task<StyleSummary> AddAsync(NewUserStyle style, CancellationToken ct = default)
    {
        if (style.Owner is not { } owner) throw new UserFacingException("Adding a style needs this site's cookie: it is how your styles stay yours.");
        if (await archive.CountByOwnerAsync(owner, ct) >= options.MaxUserStylesPerOwner)
            throw new UserFacingException($"You already have {options.MaxUserStylesPerOwner} styles, the most one browser may keep; delete one on My pictures first.");
        if (storage is not null) await storage.EnsureRoomAsync(owner, ct);
        var title = Required(style.Title);
        var artist = string.IsNullOrWhiteSpace(style.Artist) ? null : style.Artist.Trim();
        if (artist is { Length: > UserStyleLimits.ArtistLength }) throw new UserFacingException($"The artist's name can be at most {UserStyleLimits.ArtistLength} characters.");
        if (DisplayText.HasHiddenCharacters(title) || (artist is not null && DisplayText.HasHiddenCharacters(artist)))
            throw new UserFacingException(DisplayText.HiddenCharactersProblem);
        var painting = UploadDecoding.DecodeToFit(style.Painting, options.MaxUploadBytes, UserPaintingFiles.MaxSide);
        var id = UserPaintingFiles.NewId();
        var (width, height) = files.Save(id, painting);
        var record = new UserStyleRecord { Id = id, Title = title, Artist = artist, Owner = style.Owner, Width = width, Height = height, CreatedAt = DateTimeOffset.UtcNow };
        await archive.AddAsync(record, ct);
        return SummaryOf(record);
    }

    /// <summary>Every added style, whoever may see it (for tests and tools; pages list <see cref="VisibleTo"/>).</summary>
    public IReadOnlyList<StyleSummary> All() => archive.All().Select(SummaryOf).ToList();

    /// <summary>The added styles the gallery and the studio list for <paramref name="owner"/>: the published ones and its own.</summary>
    public IReadOnlyList<StyleSummary> VisibleTo(string? owner) => archive.VisibleTo(owner, MaxListed).Select(SummaryOf).ToList();

    /// <summary>Lists the style in every visitor's gallery, or takes it back; false unless it exists and <paramref name="owner"/> added it.</summary>
    public async Task<bool> SetPublishedAsync(string id, string? owner, bool published, CancellationToken ct = default) =>
        owner is not null && await archive.FindAsync(id, ct) is { } style && style.Owner == owner && await archive.SetPublishedAsync(id, published, ct);

    public async Task<IReadOnlyList<StyleSummary>> OwnedByAsync(string owner, CancellationToken ct = default) =>
        (await archive.ListByOwnerAsync(owner, ct)).Select(SummaryOf).ToList();

    /// <summary>Deletes the style and its painting; false unless it exists and <paramref name="owner"/> added it.</summary>
    public async Task<bool> DeleteAsync(string id, string? owner, CancellationToken ct = default)
    {
        if (owner is null || await archive.FindAsync(id, ct) is not { } style || style.Owner != owner) return false;
        await archive.DeleteAsync(id, ct);
        files.Delete(id);
        return true;
    }

    private static string Required(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0) throw new UserFacingException("Give the painting a title.");
        if (trimmed.Length > UserStyleLimits.TitleLength) throw new UserFacingException($"The title can be at most {UserStyleLimits.TitleLength} characters.");
        return trimmed;
    }

    private static StyleSummary SummaryOf(UserStyleRecord style) =>
        new(style.Id, style.Title, style.Artist, null, Licence, HasFastNetwork: false, $"/paintings/{style.Id}") { Published = style.Published };
}
