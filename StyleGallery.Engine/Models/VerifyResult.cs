namespace StyleGallery.Engine.Models;

public enum VerifyStatus
{
    /// <summary>The installed file hashes to a SHA-256 the catalogue accepts.</summary>
    Ok,

    /// <summary>No installed file.</summary>
    NotInstalled,

    /// <summary>The installed file's SHA-256 is not one the catalogue accepts.</summary>
    Corrupt,

    /// <summary>The catalogue has no SHA-256 to compare with (an entry marked allowUnverified).</summary>
    Unverifiable,
}

/// <summary>The outcome of re-hashing an installed model.</summary>
public sealed record VerifyResult(string ModelId, VerifyStatus Status, string Path, string? ActualSha256)
{
    public bool IsOk => Status == VerifyStatus.Ok;
}
