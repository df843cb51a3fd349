namespace StyleGallery.Data;

/// <summary>
/// One picture, from the moment it was asked for: who asked (the browser's owner token), what with (styles and the
/// options actually used) and how it ended. Its files live under the data folder by <see cref="Id"/>.
/// </summary>
public sealed class PictureRecord
{
    /// <summary>The share-link id: 128 random bits, base64url (22 characters). For optimisations, the engine job's id.</summary>
    public string Id { get; set; } = "";

    public PictureKind Kind { get; set; }

    /// <summary>The owner token of the browser that made it; null for API callers without a cookie.</summary>
    public string? Owner { get; set; }

    /// <summary>
    /// For a picture asked for without a cookie: the SHA-256 (base64url) of the secret its submitter was given once, with
    /// which it may cancel and delete it. The secret itself is never stored.
    /// </summary>
    public string? SecretHash { get; set; }

    public PictureStatus Status { get; set; }

    /// <summary>Why it failed, written for the person who asked.</summary>
    public string? Error { get; set; }

    public List<PictureStyle> Styles { get; set; } = [];

    /// <summary>The engine options actually used, as JSON (<see cref="PictureParameters"/>).</summary>
    public string ParametersJson { get; set; } = "{}";

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Iterations done when it finished (optimisations only).</summary>
    public int Steps { get; set; }

    /// <summary>
    /// What its files take on disk (the picture and the photo it was made from), counted against its owner's quota; set
    /// when it is stored, 0 while it is still being painted.
    /// </summary>
    public long Bytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Shown on /explore when true; only the owner can change it.</summary>
    public bool Published { get; set; }

    public string? EngineJobId { get; set; }

    public bool IsFinished => Status is PictureStatus.Succeeded or PictureStatus.Failed or PictureStatus.Cancelled;

    public bool IsActive => !IsFinished;
}
