namespace StyleGallery.Engine.Storage;

/// <summary>
/// Files every process of an installation shares, by key ("jobs/&lt;id&gt;/result.png"): one folder on a laptop, a
/// shared mount (NFS, a NAS) in a cluster, and room for an object store (S3) behind the same calls. Writes replace a
/// file whole, so a reader on another machine sees the old file or the new one, never half of one.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes (or replaces) the file at <paramref name="key"/>.</summary>
    Task WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    /// <summary>The file's bytes, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes every file whose key starts with <paramref name="prefix"/> followed by '/' (a "folder"); nothing when there are none.</summary>
    Task DeleteFolderAsync(string prefix, CancellationToken ct = default);
}
