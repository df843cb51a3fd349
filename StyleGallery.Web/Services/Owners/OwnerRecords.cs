using StyleGallery.Engine.Jobs;

namespace StyleGallery.Web.Services.Owners;

/// <summary>
/// Who started a job whose files live in <paramref name="folder"/> (a print, a video): <c>{id}.owner</c> beside them holds
/// the SHA-256 of the browser's owner token (as <see cref="JobSecret"/> keeps a secret), so the record survives a restart
/// and a copy of the folder names nobody. Only the id's owner cancels the job; a shared link's id is not enough.
/// </summary>
public sealed class OwnerRecords(string folder)
{
    public const string Extension = ".owner";

    /// <summary>Records <paramref name="owner"/> (a browser's token) as the one who started <paramref name="id"/> (a valid id).</summary>
    public Task WriteAsync(string id, string owner, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        return File.WriteAllTextAsync(FileOf(id), JobSecret.Hash(owner), cancellationToken);
    }

    /// <summary>Whether <paramref name="owner"/> (a browser's token) started <paramref name="id"/>; false without either or a record.</summary>
    public bool IsOwner(string id, string? owner)
    {
        if (owner is null || !JobIds.IsValid(id)) return false;
        try
        {
            return JobSecret.Matches(File.ReadAllText(FileOf(id)).Trim(), owner);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The ids <paramref name="owner"/> started that still have a record, with when each was recorded (UTC).</summary>
    public IReadOnlyList<(string Id, DateTime RecordedAt)> OwnedBy(string? owner)
    {
        if (owner is null || !Directory.Exists(folder)) return [];
        var hash = JobSecret.Hash(owner);
        var owned = new List<(string, DateTime)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            try
            {
                if (JobIds.IsValid(id) && File.ReadAllText(file).Trim() == hash) owned.Add((id, File.GetLastWriteTimeUtc(file)));
            }
            catch (IOException)
            {
                // Deleted or expired meanwhile: not listed.
            }
        }
        return owned;
    }

    /// <summary>Forgets who started <paramref name="id"/> (a valid id).</summary>
    public void Delete(string id) => File.Delete(FileOf(id));

    /// <summary>Where the owner of <paramref name="id"/> (a valid id) is kept.</summary>
    private string FileOf(string id) => Path.Combine(folder, id + Extension);
}
