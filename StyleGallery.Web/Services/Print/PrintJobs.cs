using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Services.Limits;
using StyleGallery.Web.Services.Owners;

namespace StyleGallery.Web.Services.Print;

/// <summary>
/// Prints painted for the studio's fast mode at a print size: a durable long job of the engine (<see cref="PrintRequest"/>)
/// whose file is <c>data/prints/{id}.png</c> (or <c>.jpg</c> past <see cref="PrintSettings.PngMaxPixels"/>), served at
/// <see cref="UrlOf"/>. The id is the engine job's, so the job, its file and its page find each other after a restart too.
/// A print is its browser's: only the owner cookie it was started with cancels it and downloads its file (the id in a
/// shared link is not enough). Its owner is kept beside it as <c>{id}.owner</c> (<see cref="OwnerRecords"/>), the SHA-256 of
/// the browser's token, so it survives a restart and a copy of the folder names nobody. A print
/// needs the cookie: there is no way to start one without it, so no print has a secret.
/// Each browser may have <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerOwner"/> prints on their way
/// (<see cref="OwnerLimits"/>); starting one counts as a job for the rate limits. The engine checks the photo (its
/// header, for a decompression bomb), the size and the style; their refusals reach the visitor as they are.
/// </summary>
public sealed class PrintJobs(
    IStyleEngineClient engine,
    OwnerLimits limits,
    StyleGalleryWebOptions web,
    ILogger<PrintJobs> logger,
    IClientRateLimiter? rateLimits = null,
    StorageQuota? storage = null) : IPrintJobs
{
    private static readonly string[] Extensions = [".png", ".jpg"];

    private string Folder => Path.Combine(web.DataDirectory, "prints");

    /// <summary>The download address of a print's file (its name ends in its type).</summary>
    public static string UrlOf(string fileName) => $"/prints/{fileName}";

    public string? DownloadUrlOf(string id) => Find(id) is { } path ? UrlOf(Path.GetFileName(path)) : null;

    /// <summary>
    /// Stops the print's job when <paramref name="owner"/> is the browser that started it; false otherwise (another
    /// browser, none, an unknown print), and the print goes on.
    /// </summary>
    public async Task<bool> CancelAsync(string id, string? owner) => IsOwner(id, owner) && await engine.CancelAsync(id);

    /// <summary>Whether <paramref name="owner"/> (a browser's token) started the print <paramref name="id"/>.</summary>
    public bool IsOwner(string id, string? owner) => Owners.IsOwner(id, owner);

    /// <summary>
    /// The prints <paramref name="owner"/> started and the folder still keeps (<see cref="PrintSettings.Retention"/>),
    /// newest first: those being painted, finished, failed or cancelled alike (a print that is not done has no download).
    /// </summary>
    public IReadOnlyList<PrintSummary> OwnedBy(string? owner)
    {
        var owned = new List<PrintSummary>();
        foreach (var (id, startedAt) in Owners.OwnedBy(owner))
        {
            try
            {
                var print = Find(id);
                owned.Add(new PrintSummary(id, startedAt, print is null ? null : UrlOf(Path.GetFileName(print)),
                    print is null ? 0 : new FileInfo(print).Length));
            }
            catch (IOException)
            {
                // Deleted or expired meanwhile: not listed.
            }
        }
        return [.. owned.OrderByDescending(p => p.StartedAt)];
    }

    /// <summary>
    /// Deletes the print for its owner: cancels its job if it still runs, then removes its file and its owner. False for
    /// another browser, none or an unknown print, and nothing changes.
    /// </summary>
    public async Task<bool> DeleteAsync(string id, string? owner)
    {
        if (!IsOwner(id, owner)) return false;
        await engine.CancelAsync(id);
        foreach (var extension in Extensions) File.Delete(Path.Combine(Folder, id + extension));
        Owners.Delete(id);
        return true;
    }

    /// <summary>Who started each print: the hash of its browser's token, beside its file.</summary>
    private OwnerRecords Owners => new(Folder);

    /// <summary>The finished print's file, or null.</summary>
    public string? Find(string id) =>
        JobIds.IsValid(id) ? Extensions.Select(e => Path.Combine(Folder, id + e)).FirstOrDefault(File.Exists) : null;

    /// <summary>Queues the print of <paramref name="photo"/>; returns its id, which is its job's.</summary>
    /// <param name="longSide">The print's longer side; a photo smaller than that is printed at its own size.</param>
    /// <param name="owner">The browser's token: each may have <see cref="StyleGalleryWebOptions.MaxConcurrentJobsPerOwner"/> prints on their way.</param>
    /// <exception cref="UserFacingException">No owner, an unreadable or too large photo, a size beyond the limit, an unknown style.</exception>
    /// <exception cref="OwnerLimitException">This browser already has its share of prints being painted.</exception>
    /// <exception cref="EngineBusyException">The engine's queue is full.</exception>
    public async Task<string> StartAsync(byte[] photo, string styleId, FastStyleOptions look, int longSide, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(look);
        if (owner is null) throw new UserFacingException(NeedsCookie);
        if (storage is not null) await storage.EnsureRoomAsync(owner, cancellationToken);
        rateLimits?.Acquire(RateLimitPolicy.Jobs, owner);
        using var slot = limits.Reserve(owner, JobKind.Print);
        var id = JobIds.New();
        Directory.CreateDirectory(Folder);
        DeleteExpired();
        var output = Path.Combine(Folder, id + ExtensionFor(photo, longSide));
        var request = new PrintRequest(photo, styleId, look, longSide, output, web.MaxUploadBytes) { JobId = id, MaxCore = web.Prints.MaxTile };
        slot.HoldFor(id); // before the job is queued: it may end before SubmitAsync returns
        // Its owner before the job too: the page the start leads to asks for it at once.
        await Owners.WriteAsync(id, owner, cancellationToken);
        try
        {
            await EngineRefusals.AskWithFastStyleAsync(engine, styleId, () => engine.SubmitAsync(request, cancellationToken), logger);
        }
        catch
        {
            Owners.Delete(id);
            throw;
        }
        slot.Started();
        return id;
    }

    /// <summary>Why a request without the owner cookie gets no print.</summary>
    public const string NeedsCookie = "A print needs this site's cookie: it is how your prints stay yours (only you can download or cancel them).";

    /// <summary>
    /// PNG up to <see cref="PrintSettings.PngMaxPixels"/>, JPEG beyond, from the size the photo's header promises. A photo
    /// whose header cannot be read gets a PNG name: the engine refuses it with the reason anyway.
    /// </summary>
    private string ExtensionFor(byte[] photo, int longSide)
    {
        try
        {
            var header = ImageDecoder.Probe(photo);
            var (width, height) = ImageResizer.ScaledSize(header.UprightWidth, header.UprightHeight, Math.Max(1, longSide));
            return (long)width * height > web.Prints.PngMaxPixels ? ".jpg" : ".png";
        }
        catch (ImageDecodeException)
        {
            return ".png";
        }
    }

    /// <summary>Removes prints older than <see cref="PrintSettings.Retention"/>, and temporary files a crash left behind as old.</summary>
    private void DeleteExpired()
    {
        var before = DateTime.UtcNow - web.Prints.Retention;
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => File.GetLastWriteTimeUtc(f) < before).ToList())
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not delete the expired print {File}", file);
            }
        }
    }
}

/// <summary>One of a browser's prints (<see cref="PrintJobs.OwnedBy"/>).</summary>
/// <param name="StartedAt">When it was asked for (UTC).</param>
/// <param name="DownloadUrl">Its file, once it is painted; null before, or when it failed or was cancelled.</param>
/// <param name="Bytes">Its file's size, 0 without one.</param>
public sealed record PrintSummary(string Id, DateTime StartedAt, string? DownloadUrl, long Bytes);
