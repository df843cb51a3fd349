namespace StyleGallery.Web.Services;

/// <summary>What a page shows of a style: no tensors, no file paths.</summary>
public sealed record StyleSummary(
    string Id,
    string Title,
    string? Artist,
    string? Year,
    string Licence,
    bool HasFastNetwork,
    string? PaintingUrl);
