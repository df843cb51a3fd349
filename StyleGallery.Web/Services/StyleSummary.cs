namespace StyleGallery.Web.Services;

/// <summary>What a page shows of a style: no tensors, no file paths.</summary>
public sealed record StyleSummary(
    string Id,
    string Title,
    string? Artist,
    string? Year,
    string Licence,
    bool HasFastNetwork,
    string? PaintingUrl)
{
    /// <summary>For a style a visitor added: listed in every visitor's gallery (else only its owner sees it).</summary>
    public bool Published { get; init; }

    /// <summary>The id of this style's live version (its lite network, for the live camera) when one exists and this visitor may see it.</summary>
    public string? LiteVersionId { get; init; }

    /// <summary>For a live version (a lite network), the id of the full style it was distilled from.</summary>
    public string? TeacherId { get; init; }
}
