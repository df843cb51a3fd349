using StyleGallery.Engine.Imaging;

namespace StyleGallery.Engine.Storage;

/// <summary>
/// The pictures of durable jobs where every process can read them: the result an engine worker made (written before
/// the job's row says it succeeded, so a row that says so always has one) and the newest preview (replaced, never
/// queued: a slow reader only ever misses previews nobody needs any more).
/// </summary>
public sealed class JobPictures(IFileStore files)
{
    public Task SaveResultAsync(string jobId, byte[] png, CancellationToken ct = default) => files.WriteAsync(Key(jobId, "result.png"), png, ct);

    public Task SaveResultAsync(string jobId, RgbImage picture, CancellationToken ct = default) =>
        SaveResultAsync(jobId, ImageEncoder.Encode(picture, EncodedFormat.Png), ct);

    public Task SavePreviewAsync(string jobId, byte[] png, CancellationToken ct = default) => files.WriteAsync(Key(jobId, "preview.png"), png, ct);

    /// <summary>The job's result as PNG, or null.</summary>
    public Task<byte[]?> ResultAsync(string jobId, CancellationToken ct = default) => files.ReadAsync(Key(jobId, "result.png"), ct);

    /// <summary>The job's newest picture as PNG: its result when it has one, else its latest preview; null when neither.</summary>
    public async Task<byte[]?> NewestAsync(string jobId, CancellationToken ct = default) =>
        await ResultAsync(jobId, ct) ?? await files.ReadAsync(Key(jobId, "preview.png"), ct);

    /// <summary>Forgets every picture of the job.</summary>
    public Task DeleteAsync(string jobId, CancellationToken ct = default) => files.DeleteFolderAsync(Folder(jobId), ct);

    private static string Folder(string jobId) =>
        Jobs.JobIds.IsValid(jobId) ? "jobs/" + jobId : throw new ArgumentException($"'{jobId}' is not a job id.", nameof(jobId));

    private static string Key(string jobId, string name) => Folder(jobId) + "/" + name;
}
