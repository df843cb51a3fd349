using System.Net.Http.Json;
using System.Text.Json;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Web.Browser;

namespace StyleGallery.Tests.Web.Durability;

/// <summary>
/// The built web app as an OS process that a test can kill with SIGKILL and start again on the same data folder:
/// tiny jobs (64 px), one torch thread, checkpoints every 5 iterations, and its HTTP API to drive it.
/// </summary>
internal sealed class CrashingApp : IAsyncDisposable
{
    public static readonly TimeSpan Guard = JobApi.Guard;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sg-crash-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private RunningApp? _app;

    public string DataDirectory => _dataDirectory;

    public int Starts { get; private set; }

    public async Task StartAsync()
    {
        _app = new RunningApp(_dataDirectory, new Dictionary<string, string>
        {
            ["StyleGallery__Engine__Threads"] = "1",
            ["StyleGallery__Engine__CheckpointEveryIterations"] = "5",
            ["StyleGallery__Engine__CheckpointInterval"] = "00:00:05",
            ["StyleGallery__Engine__MaxAttempts"] = "3",
            // The poison job asks for hours of the engine without a cookie; these tests are about crashes, not budgets.
            ["StyleGallery__JobBudgets__AnonymousOptimiseSeconds"] = "100000",
            ["StyleGallery__MaxConcurrentJobsPerAddress"] = "1000",
        });
        await _app.InitializeAsync();
        Starts++;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power or the kernel kills the process.</summary>
    public async Task KillAsync()
    {
        await _app!.KillAsync();
        _app = null;
    }

    /// <summary>Queues an optimisation of a small photo through the API, as a script would; returns its id.</summary>
    public Task<string> SubmitAsync(int iterations) => JobApi.SubmitAsync(_http, _app!.BaseUrl, iterations);

    /// <summary>The job as <c>GET /api/jobs/{id}</c> tells it.</summary>
    public Task<JobView> GetAsync(string id) => JobApi.GetAsync(_http, _app!.BaseUrl, id);

    /// <summary>Polls until <paramref name="done"/> holds for the job, handing every state seen to <paramref name="seen"/>.</summary>
    public Task<JobView> WaitAsync(string id, Func<JobView, bool> done, Action<JobView>? seen = null) => JobApi.WaitAsync(_http, _app!.BaseUrl, id, done, seen);

    /// <summary>The stored result files of a job (its PNG; the JPEG and thumbnails are made from it on demand).</summary>
    public IReadOnlyList<string> ResultFiles(string id) =>
        Directory.Exists(Path.Combine(_dataDirectory, "results"))
            ? Directory.GetFiles(Path.Combine(_dataDirectory, "results"), id + ".png")
            : [];

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _http.Dispose();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
