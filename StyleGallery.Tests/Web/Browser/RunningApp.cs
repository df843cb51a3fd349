using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// The built web app as a child process on a free loopback port, with a temporary data folder and the models
/// copied from ../shared (offline); ready once the gallery lists the fast styles. Given a data folder (and settings),
/// it leaves the folder behind, so a test can start the app again on the same data.
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    private readonly string _dataDirectory;
    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private Process? _process;

    public RunningApp() : this(Path.Combine(Path.GetTempPath(), "sg-browser-" + Guid.NewGuid().ToString("N")), new Dictionary<string, string>()) =>
        _ownsData = true;

    public RunningApp(string dataDirectory, IReadOnlyDictionary<string, string> settings) =>
        (_dataDirectory, _settings) = (dataDirectory, settings);

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    /// <summary>The app's process id, to read its memory from /proc.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The app is not running.");

    public async Task InitializeAsync()
    {
        _process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("Could not start the web app.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilStylesAreInstalledAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_ownsData && Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Kills the process with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private ProcessStartInfo StartInfo()
    {
        var dll = WebAppDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        info.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["StyleGallery__DataDirectory"] = _dataDirectory;
        info.Environment["StyleGallery__Engine__MirrorDirectory"] = SharedData.Models;
        info.Environment["StyleGallery__Engine__AllowDownloads"] = "false";
        info.Environment["StyleGallery__Engine__PaintingMirrorDirectory"] = SharedData.Styles;
        info.Environment["StyleGallery__SamplePhotosDirectory"] = Path.Combine(SharedData.Root, "images", "content");
        foreach (var (name, value) in _settings) info.Environment[name] = value;
        return info;
    }

    /// <summary>The web project's own build output beside this test project's (same configuration and platform).</summary>
    private static string WebAppDll()
    {
        var testsOutput = AppContext.BaseDirectory;
        var marker = Path.DirectorySeparatorChar + "StyleGallery.Tests" + Path.DirectorySeparatorChar;
        var webOutput = testsOutput.Replace(marker, Path.DirectorySeparatorChar + "StyleGallery.Web" + Path.DirectorySeparatorChar);
        var dll = Path.Combine(webOutput, "StyleGallery.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build StyleGallery.Web first.", dll);
    }

    private async Task WaitUntilStylesAreInstalledAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.TrueAsync(async () =>
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The web app exited with code {_process.ExitCode}.");
            try
            {
                var page = await http.GetStringAsync(BaseUrl + "/");
                return page.Split(" style-card\"").Length > 2;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, "the web app lists its styles", TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
