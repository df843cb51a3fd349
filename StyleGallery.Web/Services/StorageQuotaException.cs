namespace StyleGallery.Web.Services;

/// <summary>The browser keeps as much as it may (<c>Limits.StorageSettings.MaxBytesPerOwner</c>); HTTP 403 until it deletes some.</summary>
public sealed class StorageQuotaException(long used, long limit)
    : UserFacingException($"Your pictures and paintings take {DisplayText.Bytes(used)}, all one browser may keep here ({DisplayText.Bytes(limit)}); " +
                          "delete some on My pictures to make new ones.")
{
    public long Used { get; } = used;

    public long Limit { get; } = limit;
}
