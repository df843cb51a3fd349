using System.Security.Cryptography;
using StyleGallery.Engine.Models;

namespace StyleGallery.Tests.Models;

/// <summary>Installer behaviour against a real HTTP server on 127.0.0.1 and a temporary models folder.</summary>
public sealed class ModelInstallerTests : IDisposable
{
    private const string Id = "test-model";
    private const string FilePath = "files/test-model.safetensors";

    private readonly string _root = Directory.CreateTempSubdirectory("installer-").FullName;
    private readonly LocalHttpServer _server = new();
    private readonly HttpClient _http = new();
    private readonly byte[] _payload = RandomBytes(300_000);

    public ModelInstallerTests() => _server.Files[FilePath] = _payload;

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string ModelsDir => Path.Combine(_root, "models");
    private string MirrorDir => Path.Combine(_root, "mirror");
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private ModelInstaller Installer(string? sha256 = null, bool mirror = false, params string[] paths) =>
        Installer(sha256, mirror, allowDownloads: true, paths);

    private ModelInstaller Installer(string? sha256, bool mirror, bool allowDownloads, params string[] paths)
    {
        var sources = (paths.Length == 0 ? [FilePath] : paths).Select(p => (_server.Url(p), "safetensors", (string?)null)).ToArray();
        var catalog = ModelCatalog.Load(TestCatalogJson.Single(sha256 ?? Sha(_payload), _payload.Length, sources));
        var options = new ModelStoreOptions(ModelsDir, mirror ? MirrorDir : null, CopyBufferBytes: 16 * 1024, AllowDownloads: allowDownloads);
        return new ModelInstaller(catalog, options, _http);
    }

    [Fact]
    public async Task Offline_installs_from_the_mirror_and_never_sends_a_request()
    {
        var offline = Installer(sha256: null, mirror: true, allowDownloads: false);
        Assert.False(offline.IsMirrored(Id));
        var e = await Assert.ThrowsAsync<ModelInstallException>(() => offline.InstallAsync(Id));
        Assert.Contains("offline", e.Message);
        Assert.Empty(_server.Requests);

        PutInMirror(_payload);
        Assert.True(offline.IsMirrored(Id));
        Assert.Equal(_payload, File.ReadAllBytes(await offline.InstallAsync(Id)));
        Assert.Empty(_server.Requests);
    }

    private void PutInMirror(byte[] bytes)
    {
        var path = Path.Combine(MirrorDir, "dir", Id + ".safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The folder's files but the installer's cross-process lock files, which stay by design.</summary>
    private string[] FilesInModelsDir() => Directory.Exists(ModelsDir)
        ? Directory.GetFiles(ModelsDir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToArray()
        : [];

    [Fact]
    public async Task Installs_from_the_mirror_without_using_the_network()
    {
        PutInMirror(_payload);
        var installer = Installer(mirror: true);
        var progress = new RecordingProgress();

        var path = await installer.InstallAsync(Id, progress);

        Assert.Equal(Path.Combine(ModelsDir, "dir", Id + ".safetensors"), path);
        Assert.Equal(_payload, File.ReadAllBytes(path));
        Assert.Empty(_server.Requests);
        Assert.Contains(progress.Reports, r => r.Stage == InstallProgress.Mirror);
        Assert.True(installer.IsInstalled(Id));
    }

    [Fact]
    public async Task A_corrupt_mirror_copy_is_skipped_for_the_download()
    {
        var corrupt = (byte[])_payload.Clone();
        corrupt[1000] ^= 0xFF;
        PutInMirror(corrupt);

        var path = await Installer(mirror: true).InstallAsync(Id);

        Assert.Equal(_payload, File.ReadAllBytes(path));
        Assert.Equal(1, _server.GetCount(FilePath));
    }

    [Fact]
    public async Task Installs_over_http_and_leaves_only_the_verified_file()
    {
        var installer = Installer();
        Assert.False(installer.IsInstalled(Id));

        var path = await installer.InstallAsync(Id);

        Assert.Equal(_payload, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, FilesInModelsDir());
        Assert.True(installer.IsInstalled(Id));
        Assert.Equal(installer.PathOf(Id), path);
    }

    [Fact]
    public async Task Resumes_a_partial_download_with_a_range_request()
    {
        var installer = Installer();
        var half = _payload.Length / 2;
        Directory.CreateDirectory(Path.GetDirectoryName(installer.PathOf(Id))!);
        File.WriteAllBytes(installer.PathOf(Id) + ".partial", _payload[..half]);

        var path = await installer.InstallAsync(Id);

        var request = Assert.Single(_server.Requests);
        Assert.Equal($"bytes={half}-", request.Range);
        Assert.Equal(_payload.Length - half, _server.BytesSent); // only the missing half travelled
        Assert.Equal(Sha(_payload), Sha(File.ReadAllBytes(path)));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task Restarts_cleanly_when_the_server_ignores_the_range()
    {
        _server.IgnoreRange = true;
        var installer = Installer();
        var half = _payload.Length / 2;
        Directory.CreateDirectory(Path.GetDirectoryName(installer.PathOf(Id))!);
        File.WriteAllBytes(installer.PathOf(Id) + ".partial", _payload[..half]);

        var path = await installer.InstallAsync(Id);

        Assert.NotNull(Assert.Single(_server.Requests).Range);
        Assert.Equal(_payload.Length, _server.BytesSent);
        Assert.Equal(_payload.Length, new FileInfo(path).Length); // not the half plus the whole
        Assert.Equal(_payload, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_wrong_checksum_throws_and_leaves_nothing_behind()
    {
        var installer = Installer(sha256: new string('0', 64));

        var e = await Assert.ThrowsAsync<ModelInstallException>(() => installer.InstallAsync(Id));

        Assert.Contains(Sha(_payload), e.Message);
        Assert.Contains(new string('0', 64), e.Message);
        Assert.Empty(FilesInModelsDir());
        Assert.False(installer.IsInstalled(Id));
    }

    [Fact]
    public async Task Falls_back_to_the_next_source_after_a_404()
    {
        var path = await Installer(paths: ["missing/test-model.safetensors", FilePath]).InstallAsync(Id);

        Assert.Equal(_payload, File.ReadAllBytes(path));
        Assert.Equal(["missing/test-model.safetensors", FilePath], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Reports_every_source_when_all_fail()
    {
        var installer = Installer(paths: ["gone/a.safetensors", "gone/b.safetensors"]);

        var e = await Assert.ThrowsAsync<ModelInstallException>(() => installer.InstallAsync(Id));

        Assert.Contains("gone/a.safetensors", e.Message);
        Assert.Contains("gone/b.safetensors", e.Message);
        Assert.Contains("404", e.Message);
        Assert.Empty(FilesInModelsDir());
    }

    [Fact]
    public async Task Cancelling_mid_download_leaves_no_installed_file()
    {
        _server.StallAfterBytes[FilePath] = 10_000;
        var installer = Installer();
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(r => { if (r.BytesDone > 0) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => installer.InstallAsync(Id, progress, cts.Token));

        Assert.False(installer.IsInstalled(Id));
        Assert.False(File.Exists(installer.PathOf(Id)));
    }

    [Fact]
    public async Task Verify_detects_a_corrupted_installed_file()
    {
        var installer = Installer();
        Assert.Equal(VerifyStatus.NotInstalled, installer.Verify(Id).Status);
        var path = await installer.InstallAsync(Id);
        Assert.True(installer.Verify(Id).IsOk);

        using (var file = File.OpenWrite(path))
        {
            file.Position = 12_345;
            file.WriteByte((byte)(_payload[12_345] ^ 0x01));
        }

        var result = installer.Verify(Id);
        Assert.Equal(VerifyStatus.Corrupt, result.Status);
        Assert.NotEqual(Sha(_payload), result.ActualSha256);
    }

    [Fact]
    public async Task Progress_reaches_the_total()
    {
        var progress = new RecordingProgress();

        await Installer().InstallAsync(Id, progress);

        var downloads = progress.Reports.Where(r => r.Stage == InstallProgress.Download).ToList();
        Assert.NotEmpty(downloads);
        Assert.All(downloads, r => Assert.Equal(Id, r.ModelId));
        Assert.Equal(_payload.Length, downloads[^1].BytesTotal);
        Assert.Equal(_payload.Length, downloads[^1].BytesDone);
        Assert.Equal(downloads.Select(r => r.BytesDone).Order(), downloads.Select(r => r.BytesDone)); // never goes backwards
        Assert.Equal(InstallProgress.Installed, progress.Reports[^1].Stage);
    }

    [Fact]
    public async Task Concurrent_installs_download_once()
    {
        var installer = Installer();
        var other = Installer(); // a second installer on the same folder shares the per-file gate

        var paths = await Task.WhenAll(installer.InstallAsync(Id), other.InstallAsync(Id), installer.InstallAsync(Id));

        Assert.Single(paths.Distinct());
        Assert.Equal(1, _server.GetCount(FilePath));
        Assert.Equal(_payload, File.ReadAllBytes(paths[0]));
    }

    [Fact]
    public async Task An_install_waits_while_another_process_holds_the_files_lock()
    {
        var installer = Installer();
        Directory.CreateDirectory(Path.GetDirectoryName(installer.PathOf(Id))!);
        // Another process's installer: the same exclusive lock, taken through a separate open file.
        var held = new FileStream(installer.PathOf(Id) + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new RecordingProgress(r => { if (r.Stage == InstallProgress.Waiting) waiting.TrySetResult(); });

        var install = installer.InstallAsync(Id, progress);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(install.IsCompleted, "the install must wait for the other process");
        Assert.Empty(_server.Requests);
        await held.DisposeAsync();

        Assert.Equal(_payload, File.ReadAllBytes(await install.WaitAsync(TimeSpan.FromSeconds(30))));
        Assert.Equal(1, _server.GetCount(FilePath));
    }

    [Fact]
    public async Task An_entry_marked_unverified_installs_but_cannot_be_verified()
    {
        var json = TestCatalogJson.WithField(TestCatalogJson.Single(null, null, (_server.Url(FilePath), "safetensors", null)), "\"allowUnverified\": true");
        var installer = new ModelInstaller(ModelCatalog.Load(json), new ModelStoreOptions(ModelsDir), _http);

        await installer.InstallAsync(Id);

        Assert.Equal(VerifyStatus.Unverifiable, installer.Verify(Id).Status);
    }

    [Fact]
    public async Task A_painting_installs_from_the_folder_of_paintings_by_file_name_else_from_its_source()
    {
        var picture = RandomBytes(5_000);
        _server.Files["art/starry.jpg"] = picture;
        var json = TestCatalogJson.Document(TestCatalogJson.Painting("painting.starry", "starry.jpg", Sha(picture), picture.Length, _server.Url("art/starry.jpg")));
        var paintings = Path.Combine(_root, "paintings-mirror");
        Directory.CreateDirectory(paintings);
        File.WriteAllBytes(Path.Combine(paintings, "starry.jpg"), picture);
        var fromMirror = new ModelInstaller(ModelCatalog.Load(json), new ModelStoreOptions(ModelsDir, MirrorDir, PaintingMirrorDirectory: paintings), _http);

        Assert.True(fromMirror.IsMirrored("painting.starry"));
        var installed = await fromMirror.InstallAsync("painting.starry");
        Assert.Equal(Path.Combine(ModelsDir, "paintings", "starry.jpg"), installed);
        Assert.Equal(picture, File.ReadAllBytes(installed));
        Assert.Empty(_server.Requests);

        File.Delete(installed);
        var fromSource = new ModelInstaller(ModelCatalog.Load(json), new ModelStoreOptions(ModelsDir, MirrorDir), _http);
        Assert.False(fromSource.IsMirrored("painting.starry"));
        Assert.Equal(picture, File.ReadAllBytes(await fromSource.InstallAsync("painting.starry")));
        Assert.Equal(1, _server.GetCount("art/starry.jpg"));
        Assert.Equal(VerifyStatus.Ok, fromSource.Verify("painting.starry").Status);
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them later on the thread pool).</summary>
    private sealed class RecordingProgress(Action<InstallProgress>? onReport = null) : IProgress<InstallProgress>
    {
        private readonly List<InstallProgress> _reports = [];

        public IReadOnlyList<InstallProgress> Reports { get { lock (_reports) return _reports.ToList(); } }

        public void Report(InstallProgress value)
        {
            lock (_reports) _reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
