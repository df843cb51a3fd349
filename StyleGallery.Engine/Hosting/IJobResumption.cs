namespace StyleGallery.Engine.Hosting;

/// <summary>
/// What the host that owns a device does once at start: run again what the last process left unfinished. The web app
/// in its embedded mode calls it; a host that only talks to remote engines has nothing to resume.
/// </summary>
public interface IJobResumption
{
    /// <inheritdoc cref="StyleGalleryEngine.ResumeAsync"/>
    Task<ResumeReport> ResumeAsync(CancellationToken ct = default);
}
