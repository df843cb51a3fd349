namespace StyleGallery.Web.Services.Limits;

/// <summary>
/// How much of the disk visitors' pictures, paintings and videos may take, and how long what nobody owns is kept
/// (section <c>StyleGallery:Storage</c>, issue 18 point 6). See README.md, "Settings", and docs/security.md.
/// </summary>
public sealed record StorageSettings
{
    public const string Section = "StyleGallery:Storage";

    /// <summary>
    /// What one browser's pictures (each with the photo it was made from) and added paintings may take: 1 GB, some
    /// thousands of pictures. Past it new pictures and paintings are refused until it deletes some on /mine. 0: no limit.
    /// </summary>
    public long MaxBytesPerOwner { get; init; } = 1L << 30;

    /// <summary>
    /// What every visitor's pictures, paintings, videos and the engine's job files may take together: 50 GB. Past it new
    /// work is refused as busy (503) until the clean-up or an operator makes room. 0: no limit but the disk's
    /// (<see cref="RequestLimitSettings.MinFreeDiskBytes"/>).
    /// </summary>
    public long MaxTotalBytes { get; init; } = 50L << 30;

    /// <summary>Pictures made without the owner cookie (scripts), which nobody can list or publish, are deleted after this: 7 days.</summary>
    public TimeSpan AnonymousRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Browsers' pictures never published are deleted after this; null (the default): kept until their owner deletes them.</summary>
    public TimeSpan? UnpublishedRetention { get; init; }

    /// <summary>How often the clean-up runs (also once at start).</summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromHours(1);

    public static StorageSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageSettings>() ?? new StorageSettings();
}
