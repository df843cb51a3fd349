namespace StyleGallery.Engine.Storage;

/// <summary>
/// Files every process of an installation shares, by key ("results/&lt;id&gt;.png", "engine/jobs/&lt;id&gt;/result.png"):
/// one folder on a laptop, a shared mount (NFS, a NAS) in a cluster, and room for an object store (S3) behind the same
/// calls. Writes replace a file whole, so a reader on another machine sees the old file or the new one, never half of one.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes (or replaces) the file at <paramref name="key"/>.</summary>
    Task WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default);

    /// <summary>The file's bytes, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes every file whose key starts with <paramref name="prefix"/> followed by '/' (a "folder"); nothing when there are none.</summary>
    Task DeleteFolderAsync(string prefix, CancellationToken ct = default);

    /// <summary>Writes (or replaces) the file at <paramref name="key"/>, for callers that are not asynchronous.</summary>
    void Write(string key, ReadOnlySpan<byte> data);

    /// <summary>Whether a file is stored at <paramref name="key"/>.</summary>
    bool Exists(string key);

    /// <summary>The size in bytes of the file at <paramref name="key"/>; 0 when there is none.</summary>
    long SizeOf(string key);

    /// <summary>The bytes of every file whose key starts with <paramref name="prefix"/> followed by '/'; 0 when there are none.</summary>
    long SizeOfFolder(string prefix);

    /// <summary>Deletes the file at <paramref name="key"/>; nothing when there is none.</summary>
    void Delete(string key);

    /// <summary>
    /// Where a tool that reads and writes files itself (ffmpeg, libtorch, the web server sending a file) finds the file
    /// of <paramref name="key"/> on this machine, its folder created. The folder store's own file; an object store would
    /// keep a local copy in step.
    /// </summary>
    string LocalPath(string key);
}
