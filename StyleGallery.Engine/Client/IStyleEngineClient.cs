using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Client;

/// <summary>
/// The one way a host (the web app, the CLI) reaches the engine, wherever it runs: in this process
/// (<see cref="Hosting.StyleGalleryEngine"/>) or, later, on engine workers behind a queue. Requests are records with
/// encoded pictures; options are validated here, once; pictures come back encoded; progress is typed
/// (<see cref="JobState"/>). Nothing here exposes a tensor, a decoded image or the engine's queue.
/// </summary>
public interface IStyleEngineClient
{
    /// <summary>
    /// Validates the request and queues it as a durable job (a row before it is queued, where the engine has a job
    /// store); returns the job's id.
    /// </summary>
    /// <exception cref="EngineRequestException">The request is invalid: a bad picture, bad options, an unknown style.</exception>
    /// <exception cref="Jobs.QueueFullException">The engine is busy.</exception>
    /// <exception cref="ModelInstallException">A model the job needs is not installed and could not be.</exception>
    Task<string> SubmitAsync(JobRequest request, CancellationToken ct = default);

    /// <summary>Cancels a queued or running job; false when it is unknown or has finished.</summary>
    Task<bool> CancelAsync(string jobId, CancellationToken ct = default);

    /// <summary>
    /// Deletes a job for good, as its owner asked: cancels it if it has not finished, and forgets its state, its
    /// pictures and its stored request, so nothing the engine serves still shows it. False when the engine knows no
    /// such job.
    /// </summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken ct = default);

    /// <summary>The job's state now, or null when the engine does not know it (any more).</summary>
    Task<JobState?> GetAsync(string jobId, CancellationToken ct = default);

    /// <summary>The job's state now, then each change until it has finished; nothing when the job is unknown.</summary>
    IAsyncEnumerable<JobState> WatchAsync(string jobId, CancellationToken ct = default);

    /// <summary>Every change of every job from now on, until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<JobState> WatchAllAsync(CancellationToken ct = default);

    /// <summary>The job's newest picture as PNG: its result when it has one, else its latest preview; null when neither.</summary>
    Task<byte[]?> PreviewAsync(string jobId, CancellationToken ct = default);

    /// <summary>
    /// The finished picture of an optimisation (or what a cancelled one had reached) as PNG, or of a print its picture at
    /// screen size (the print itself is its request's file); null otherwise.
    /// </summary>
    Task<byte[]?> ResultAsync(string jobId, CancellationToken ct = default);

    /// <summary>Paints a photo with a fast style now: an interactive job that goes ahead of long ones.</summary>
    /// <exception cref="EngineRequestException">A bad picture, strength or size, or an unknown style.</exception>
    /// <exception cref="Jobs.QueueFullException">The engine is busy.</exception>
    /// <exception cref="Hosting.JobFailedException">The painting failed.</exception>
    Task<FastPicture> StylizeAsync(FastRequest request, CancellationToken ct = default);

    /// <summary>Paints one frame of a live camera (JPEG in, JPEG out); frames of one camera follow its motion.</summary>
    /// <exception cref="EngineRequestException">A bad frame, size, strength or camera, or an unknown style.</exception>
    /// <exception cref="Jobs.QueueFullException">The engine is busy.</exception>
    /// <exception cref="Hosting.JobFailedException">The painting failed.</exception>
    Task<byte[]> StylizeFrameAsync(LiveFrameRequest request, CancellationToken ct = default);

    /// <summary>Every fast style, the catalogue's (installed or not) then the ones trained here.</summary>
    IReadOnlyList<FastStyleInfo> FastStyles();

    /// <summary>The catalogue's paintings without a fast network: styles for optimisation and training.</summary>
    IReadOnlyList<ModelEntry> PaintingOnlyStyles();

    /// <summary>Whether a style (catalogue model or trained style) has this id already.</summary>
    bool IsStyleIdTaken(string styleId);

    /// <summary>
    /// Deletes a style trained here for good, as its owner asked: its network, its sidecar, the copy of its painting
    /// and any network loaded from it. False for a catalogue id or an id no trained style has. The engine knows no
    /// owners: the host checks who may delete.
    /// </summary>
    Task<bool> DeleteTrainedStyleAsync(string styleId, CancellationToken ct = default);

    /// <summary>The catalogue painting of a catalogue id: the painting itself, or the one a fast style imitates; null otherwise.</summary>
    string? PaintingIdOf(string styleId);

    /// <summary>
    /// A local file of the painting of a catalogue style or trained style, installing a catalogue painting first when
    /// <paramref name="install"/>; null when it has none (or it is not installed and may not be).
    /// </summary>
    Task<string?> PaintingFileAsync(string styleId, bool install, CancellationToken ct = default);

    /// <summary>Whether the painting of a catalogue id could be installed (a mirror holds it or it can be downloaded).</summary>
    bool CanInstallPainting(string styleId);

    /// <summary>What a fresh install fetches before anyone asks, in catalogue order.</summary>
    IReadOnlyList<ModelEntry> StartupModels();

    /// <summary>Every model of the catalogue, with whether it is installed.</summary>
    IReadOnlyList<ModelState> ModelStates();

    /// <summary>Installs a model unless it is installed (from the mirror or its sources, checksum verified).</summary>
    Task InstallModelAsync(string modelId, IProgress<InstallProgress>? progress = null, CancellationToken ct = default);

    /// <summary>Why videos cannot be painted here (ffmpeg missing), or null when they can.</summary>
    string? WhyVideoUnavailable();

    /// <summary>Reads a video's length and size before it is queued.</summary>
    /// <exception cref="VideoException">No video, or ffmpeg is missing.</exception>
    VideoInfo ProbeVideo(string path);
}
