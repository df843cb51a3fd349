using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace StyleGallery.Engine.Models;

/// <summary>
/// Puts catalogue models on disk: from the local mirror folder when it holds a copy with the right checksum,
/// otherwise from the entry's sources in order. Every file is received as <c>&lt;name&gt;.partial</c>, hashed, and
/// only then moved into place, so a file at <see cref="PathOf"/> is always a verified one.
/// </summary>
public sealed class ModelInstaller
{
    /// <summary>One gate per target file, shared by every installer in the process, so a model is fetched once.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static readonly HttpClient DefaultHttp = new() { Timeout = TimeSpan.FromMinutes(10) };

    private readonly ModelCatalog _catalog;
    private readonly ModelStoreOptions _options;
    private readonly HttpClient _http;

    public ModelInstaller(ModelCatalog catalog, ModelStoreOptions options, HttpClient? http = null)
    {
        _catalog = catalog;
        _options = options;
        _http = http ?? DefaultHttp;
    }

    /// <summary>Where the model is (or will be) installed.</summary>
    public string PathOf(string id) => Path.GetFullPath(Path.Combine(_options.ModelsDirectory, _catalog.Get(id).MirrorPath));

    /// <summary>True when the model's file is in place (only verified files are ever put there).</summary>
    public bool IsInstalled(string id) => File.Exists(PathOf(id));

    /// <summary>Whether the configured mirror folder holds a copy (installing it needs no network).</summary>
    public bool IsMirrored(string id) => MirrorFileOf(_catalog.Get(id)) is { } mirrored && File.Exists(mirrored);

    /// <summary>Where the mirror would hold the entry: a painting by file name in the folder of paintings, the rest by mirror path.</summary>
    private string? MirrorFileOf(ModelEntry entry) => entry.Kind == ModelKind.Painting
        ? _options.PaintingMirrorDirectory is { } paintings ? Path.Combine(paintings, entry.FileName) : null
        : _options.MirrorDirectory is { } mirror ? Path.Combine(mirror, entry.MirrorPath) : null;

    /// <summary>Whether installing may fetch the model from the network: downloads are allowed and the catalogue lists a source.</summary>
    public bool IsDownloadable(string id) => _options.AllowDownloads && _catalog.Get(id).Sources.Count > 0;

    /// <summary>Installs the model if needed and returns its path.</summary>
    /// <exception cref="ModelInstallException">No source worked, or a file failed its checksum.</exception>
    public async Task<string> InstallAsync(string id, IProgress<InstallProgress>? progress = null, CancellationToken ct = default)
    {
        var entry = _catalog.Get(id);
        var target = PathOf(id);
        var gate = Gates.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (File.Exists(target)) return target;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var reporter = new ProgressReporter(id, progress);
            await using var crossProcess = await LockAsync(target, reporter, ct);
            if (!File.Exists(target)) await FetchAsync(entry, target, reporter, ct);
            return target;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Waits for <c>&lt;target&gt;.lock</c>, held exclusively for the whole fetch, so two processes sharing a models folder
    /// (the app and the CLI, two trainings) install a file once instead of writing one partial together. The lock file
    /// stays: deleting it on release would let a third process lock a fresh file while a second still holds the old one.
    /// A wait is reported once (<see cref="InstallProgress.Waiting"/>), so a person sees why nothing moves.
    /// </summary>
    private static async Task<FileStream> LockAsync(string target, ProgressReporter progress, CancellationToken ct)
    {
        var path = target + ".lock";
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!waiting) progress.Report(0, null, InstallProgress.Waiting);
                waiting = true;
                await Task.Delay(LockRetry, ct);
            }
        }
    }

    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(200);

    /// <summary>Re-hashes the installed file against the catalogue.</summary>
    public VerifyResult Verify(string id)
    {
        var entry = _catalog.Get(id);
        var path = PathOf(id);
        if (!File.Exists(path)) return new VerifyResult(id, VerifyStatus.NotInstalled, path, null);
        var actual = FileSha256.Of(path);
        var accepted = entry.AcceptedSha256s().ToList();
        var status = accepted.Count == 0 ? VerifyStatus.Unverifiable
            : accepted.Contains(actual) ? VerifyStatus.Ok
            : VerifyStatus.Corrupt;
        return new VerifyResult(id, status, path, actual);
    }

    private async Task FetchAsync(ModelEntry entry, string target, ProgressReporter progress, CancellationToken ct)
    {
        if (entry.Sha256 is null && !entry.AllowUnverified)
            throw new ModelInstallException($"Model '{entry.Id}' has no SHA-256 in the catalogue; refusing an unverified download.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        if (await TryMirrorAsync(entry, partial, progress, ct)) { Finish(entry, partial, target, progress); return; }
        var failures = new List<string>();
        if (!_options.AllowDownloads) throw new ModelInstallException(NoSourceMessage(entry, ["downloads are turned off (offline)"]));
        foreach (var source in entry.Sources)
        {
            if (await TrySourceAsync(entry, source, partial, progress, failures, ct)) { Finish(entry, partial, target, progress); return; }
        }
        throw new ModelInstallException(NoSourceMessage(entry, failures));
    }

    private string NoSourceMessage(ModelEntry entry, List<string> failures)
    {
        var mirror = MirrorFileOf(entry) is { } mirrored ? $"the mirror has no good copy at {mirrored}" : "no mirror folder is configured";
        var tried = failures.Count == 0 ? "the catalogue lists no download source" : "every source failed: " + string.Join("; ", failures);
        return $"Could not install model '{entry.Id}': {mirror}, and {tried}.";
    }

    /// <summary>Copies the mirror's file into the partial, hashing as it goes; a copy with the wrong hash is discarded.</summary>
    private async Task<bool> TryMirrorAsync(ModelEntry entry, string partial, ProgressReporter progress, CancellationToken ct)
    {
        if (MirrorFileOf(entry) is not { } mirrored || !File.Exists(mirrored)) return false;
        var hash = await CopyHashingAsync(mirrored, partial, progress, ct);
        if (entry.Sha256 is null || hash == entry.Sha256) return true;
        File.Delete(partial); // a damaged mirror copy is skipped, not fatal: the sources may still have the file
        return false;
    }

    private async Task<string> CopyHashingAsync(string from, string to, ProgressReporter progress, CancellationToken ct)
    {
        await using var source = File.OpenRead(from);
        await using var destination = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[_options.CopyBufferBytes];
        long done = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            done += read;
            progress.Report(done, source.Length, InstallProgress.Mirror);
        }
        return FileSha256.ToHex(sha.GetHashAndReset());
    }

    /// <summary>
    /// Fetches one source into the partial and checks its hash. Network failures are recorded so the next source
    /// is tried; a wrong checksum deletes the partial and throws, since the catalogue and the source disagree.
    /// </summary>
    private async Task<bool> TrySourceAsync(ModelEntry entry, ModelSource source, string partial, ProgressReporter progress, List<string> failures, CancellationToken ct)
    {
        try
        {
            await FetchSourceAsync(entry, source, partial, progress, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or IOException or InvalidWeightsException or TaskCanceledException)
        {
            failures.Add($"{source.Url}: {e.Message}");
            return false;
        }
        CheckHash(entry, source, partial, progress);
        return true;
    }

    private async Task FetchSourceAsync(ModelEntry entry, ModelSource source, string partial, ProgressReporter progress, CancellationToken ct)
    {
        var url = new Uri(source.Url);
        switch (source.Format)
        {
            case SourceFormat.Safetensors or SourceFormat.File:
                var download = new ResumableDownload(_http, _options.CopyBufferBytes);
                await download.RunAsync(url, partial, entry.SizeBytes, (done, total) => progress.Report(done, total, InstallProgress.Download), ct);
                break;
            case SourceFormat.Ml5Checkpoint:
                progress.Report(0, null, InstallProgress.Import);
                await new Ml5CheckpointImporter(_http).ImportAsync(source.Url, partial, Ml5CheckpointImporter.MetadataFor(entry.Id, source.Url), ct);
                break;
            default:
                throw new ModelInstallException($"Model '{entry.Id}': source format {source.Format} is not supported.");
        }
    }

    private static void CheckHash(ModelEntry entry, ModelSource source, string partial, ProgressReporter progress)
    {
        var expected = entry.ExpectedSha256(source);
        var length = new FileInfo(partial).Length;
        progress.Report(length, length, InstallProgress.Verify);
        if (expected is null) return; // only for entries marked allowUnverified
        var actual = FileSha256.Of(partial);
        if (actual == expected) return;
        File.Delete(partial);
        throw new ModelInstallException(
            $"Model '{entry.Id}' from {source.Url} has SHA-256 {actual}, but the catalogue expects {expected}. The download was discarded.");
    }

    private static void Finish(ModelEntry entry, string partial, string target, ProgressReporter progress)
    {
        File.Move(partial, target, overwrite: false); // a rename on one file system: the file appears whole or not at all
        var length = new FileInfo(target).Length;
        progress.Report(length, length, InstallProgress.Installed);
    }

    private sealed class ProgressReporter(string modelId, IProgress<InstallProgress>? sink)
    {
        public void Report(long done, long? total, string stage) => sink?.Report(new InstallProgress(modelId, done, total, stage));
    }
}
