namespace StyleGallery.Engine.Storage;

/// <summary>
/// An <see cref="IFileStore"/> in a folder: the data folder of a single process, or a folder every node mounts. A write
/// goes to a temporary file beside its target and is renamed over it, which POSIX file systems (NFS included) make atomic.
/// </summary>
public sealed class FolderFileStore : IFileStore
{
    private readonly string _root;

    public FolderFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        var path = LocalPath(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, data.ToArray(), ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct = default)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteFolderAsync(string prefix, CancellationToken ct = default)
    {
        var folder = PathOf(prefix);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    public void Write(string key, ReadOnlySpan<byte> data)
    {
        var path = LocalPath(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = File.Create(temporary)) file.Write(data);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public void Delete(string key)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // A file in a folder that was never made is a file that is not there: nothing to delete, as the contract says.
        }
    }

    public long SizeOf(string key)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? file.Length : 0;
    }

    public long SizeOfFolder(string prefix)
    {
        var folder = new DirectoryInfo(PathOf(prefix));
        if (!folder.Exists) return 0;
        long total = 0;
        // A file deleted while the folder is walked is simply not counted.
        foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
            }
        }
        return total;
    }

    public string LocalPath(string key)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Keys are relative paths of safe segments; anything that could leave the root is refused.</summary>
    private string PathOf(string key)
    {
        var segments = key.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
            throw new ArgumentException($"'{key}' is not a file store key.", nameof(key));
        return Path.Combine([_root, .. segments]);
    }
}
