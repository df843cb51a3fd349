using StyleGallery.Engine.Fast;

namespace StyleGallery.Web.Services.Print;

/// <summary>
/// The studio's view of print jobs (<see cref="PrintJobs"/>; a fake in the components' tests). A print's id is its engine
/// job's, so its progress is that job's (<see cref="Jobs.IJobNotifications"/>).
/// </summary>
public interface IPrintJobs
{
    /// <inheritdoc cref="PrintJobs.StartAsync"/>
    Task<string> StartAsync(byte[] photo, string styleId, FastStyleOptions look, int longSide, string? owner, CancellationToken cancellationToken);

    /// <inheritdoc cref="PrintJobs.CancelAsync"/>
    Task<bool> CancelAsync(string id, string? owner);

    /// <inheritdoc cref="PrintJobs.IsOwner"/>
    bool IsOwner(string id, string? owner);

    /// <inheritdoc cref="PrintJobs.OwnedBy"/>
    IReadOnlyList<PrintSummary> OwnedBy(string? owner);

    /// <inheritdoc cref="PrintJobs.DeleteAsync"/>
    Task<bool> DeleteAsync(string id, string? owner);

    /// <summary>
    /// Where the finished print downloads from, or null while it is not there (on its way, failed, expired); only its
    /// owner's cookie downloads it.
    /// </summary>
    string? DownloadUrlOf(string id);
}
