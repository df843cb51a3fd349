using StyleGallery.Data;
using StyleGallery.Web.Services.Jobs;

namespace StyleGallery.Web.Services.Pictures;

/// <summary>
/// What only a picture's owner may do: delete it (its job in the engine, cancelled if it still runs, its record and
/// its files: every copy the app serves) and publish or unpublish it. Checked here, on the server, against the
/// browser's owner token, whatever the page showed; a picture asked for without a cookie has its submitter's secret
/// (<see cref="Owners.JobSecret"/>) instead, which may cancel and delete it.
/// </summary>
public sealed class PictureOwnership(PictureArchive pictures, ResultStore results, IStudioJobs jobs)
{
    public static bool IsOwner(PictureRecord picture, string? owner) => owner is not null && picture.Owner == owner;

    /// <summary>The browser that made it, or the script that holds its secret.</summary>
    public static bool MayCancelOrDelete(PictureRecord picture, string? owner, string? secret) =>
        IsOwner(picture, owner) || Owners.JobSecret.Matches(picture.SecretHash, secret);

    /// <summary>False unless the picture exists and belongs to <paramref name="owner"/> (or was given <paramref name="secret"/>).</summary>
    public async Task<bool> DeleteAsync(string id, string? owner, CancellationToken ct = default, string? secret = null)
    {
        if (await pictures.FindAsync(id, ct) is not { } picture || !MayCancelOrDelete(picture, owner, secret)) return false;
        await RemoveAsync(picture, ct);
        return true;
    }

    /// <summary>Deletes a picture past its keeping time (<see cref="Limits.StorageCleanup"/>), the same way as its owner would.</summary>
    public async Task ExpireAsync(string id, CancellationToken ct = default)
    {
        if (await pictures.FindAsync(id, ct) is { } picture) await RemoveAsync(picture, ct);
    }

    private async Task RemoveAsync(PictureRecord picture, CancellationToken ct)
    {
        if (picture.EngineJobId is { } job) await jobs.DeleteAsync(job, ct);
        await pictures.DeleteAsync(picture.Id, ct);
        results.Delete(picture.Id);
    }

    /// <summary>False unless the picture exists and belongs to <paramref name="owner"/>.</summary>
    public async Task<bool> SetPublishedAsync(string id, string? owner, bool published, CancellationToken ct = default) =>
        await OwnedAsync(id, owner, ct) is not null && await pictures.UpdateAsync(id, p => p.Published = published, ct);

    private async Task<PictureRecord?> OwnedAsync(string id, string? owner, CancellationToken ct) =>
        await pictures.FindAsync(id, ct) is { } picture && IsOwner(picture, owner) ? picture : null;
}
