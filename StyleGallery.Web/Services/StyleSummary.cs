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
    public string? LiteVersionId { get; init; }
    public string? TeacherId { get; init; }
}
