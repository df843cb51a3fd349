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
public sealed record FastStyleInfo(
    string Id,
    string Title,
    string? Artist,
    string? Year,
    string Licence,
    FastStyleOrigin Origin,
    bool IsInstalled);
