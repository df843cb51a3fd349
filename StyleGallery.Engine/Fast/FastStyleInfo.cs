namespace StyleGallery.Engine.Fast;

/// <summary>Where a fast style's network comes from.</summary>
public enum FastStyleOrigin
{
    /// <summary>A pretrained network of the checked-in model catalogue.</summary>
    Catalogue,

    /// <summary>A network trained on this machine (<c>&lt;models&gt;/user</c>).</summary>
    User,
}

/// <summary>A fast style as hosts list it, whichever origin its network has; no tensors, no file paths.</summary>
/// <param name="IsInstalled">Whether its network is on disk now; a user style always is.</param>
/// <param name="TeacherId">For a lite network (a live version), the style it was distilled from; null for a full one.</param>
/// <param name="LiteVersionId">The id of this style's lite network (its live version), when one has been distilled.</param>
public sealed record FastStyleInfo(
    string Id,
    string Title,
    string? Artist,
    string? Year,
    string Licence,
    FastStyleOrigin Origin,
    bool IsInstalled,
    string? TeacherId = null,
    string? LiteVersionId = null);
