using StyleGallery.Data;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>Web-only settings (section <c>StyleGallery</c>); the engine's own live in <c>EngineSettings</c>.</summary>
public sealed record StyleGalleryWebOptions
{
    public const string Section = "StyleGallery";

    /// <summary>Results, the database and user uploads.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>
    /// The photos new fast styles are trained on ("Make this a fast style"); without one the button says why it is off.
    /// Development: ../shared/images/train when present.
    /// </summary>
    public string? TrainingPhotosDirectory { get; init; }
    /// <summary>Photos offered under the studio's photo box (development default: ../shared/images/content); optional.</summary>
    public string? SamplePhotosDirectory { get; init; }

    /// <summary>Larger photos and paintings are refused, by the page before they are sent and by the engine.</summary>
    public long MaxUploadBytes { get; init; } = ImageLimits.DefaultMaxBytes;

    /// <summary>Videos larger than this are refused before they are stored.</summary>
    public long MaxVideoUploadBytes { get; init; } = 200 * 1024 * 1024;

    /// <summary>Longer videos are refused before they are queued: 1 minute at 30 frames per second, several minutes of the engine.</summary>
    public int MaxVideoFrames { get; init; } = 1800;

    /// <summary>Painted videos are deleted this long after they were made (videos take far more room than pictures).</summary>
    public TimeSpan VideoRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Print sizes of the studio's fast mode (section <c>StyleGallery:Prints</c>): the sizes offered, the file type, how long files stay.</summary>
    public Print.PrintSettings Prints { get; init; } = new();

    /// <summary>Install every fast style and loss network at start, so the first click is instant.</summary>
    public bool InstallModelsOnStart { get; init; } = true;

    /// <summary>Optimisations one browser may have queued or running at once.</summary>
    public int MaxConcurrentJobsPerOwner { get; init; } = 2;

    /// <summary>
    /// Optimisations that requests without the owner cookie (scripts) from one address — one IPv6 /64 — may have queued or
    /// running together. Raise it for an office or school behind one address that scripts the API.
    /// </summary>
    public int MaxConcurrentJobsPerAddress { get; init; } = 2;

    /// <summary>Paintings one browser may keep as its own styles (each private until it publishes it).</summary>
    public int MaxUserStylesPerOwner { get; init; } = 20;

    /// <summary>Engine time one job of each kind may cost (section <c>StyleGallery:JobBudgets</c>), lower without a cookie.</summary>
    public Owners.JobBudgetSettings JobBudgets { get; init; } = new();

    /// <summary>
    /// Where people reach the app (e.g. <c>https://style.example</c>): share links and the OpenGraph/Twitter tags are
    /// built on it, never on the Host a request claims. Null: the request's own host, which host filtering
    /// (<c>AllowedHosts</c>) restricts to the configured names.
    /// </summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>Section <c>StyleGallery:Database</c>.</summary>
    public DatabaseSettings Database { get; init; } = new();
}
