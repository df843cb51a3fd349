using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using StyleGallery.Bench.Servers;
using StyleGallery.Engine.Imaging;
using StyleGallery.Proxy;
using StyleGallery.Tests.Support;
using StyleGallery.Tests.Web.Durability;

namespace StyleGallery.Tests.Cluster.Support;

/// <summary>
/// StyleGallery as a cluster on this machine, as docs/scale-out.md starts one: a PostgreSQL database and a RabbitMQ
/// broker of their own (real servers on loopback, started by the test set-up), a shared data folder, two engine workers
/// (one torch thread each), two web nodes in Remote mode, and the sticky proxy in front. Every process is a real OS
/// process that a test can kill and start again; tiny jobs (64 px) with checkpoints every 5 iterations.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "sg-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private string? _database;
    private WebApplication? _proxy;

    public RabbitMqServer Broker { get; private set; } = default!;

    internal IReadOnlyList<NodeProcess> Workers { get; private set; } = [];

    internal IReadOnlyList<NodeProcess> WebNodes { get; private set; } = [];

    public IReadOnlyList<string> WebUrls { get; private set; } = [];

    /// <summary>Where each worker answers <c>/healthz</c>, and <c>/metrics</c>.</summary>
    public IReadOnlyList<string> WorkerHealthUrls { get; private set; } = [];

    public IReadOnlyList<string> WorkerMetricsUrls { get; private set; } = [];

    public string ProxyUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    public string DataDirectory => _data;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _database = PostgresServer.Shared.CreateDatabase();
        Broker = RabbitMqServer.StartNew();
        var prefix = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var shared = new Dictionary<string, string>
        {
            ["StyleGallery__DataDirectory"] = _data,
            ["StyleGallery__Database__Provider"] = "postgresql",
            ["StyleGallery__Database__ConnectionString"] = _database,
            ["StyleGallery__Cluster__Broker"] = Broker.AmqpUri.ToString(),
            ["StyleGallery__Cluster__Prefix"] = prefix,
            ["StyleGallery__Cluster__Heartbeat"] = "00:00:05",
            ["StyleGallery__Engine__MirrorDirectory"] = SharedData.Models,
            ["StyleGallery__Engine__PaintingMirrorDirectory"] = SharedData.Styles,
            ["StyleGallery__Engine__AllowDownloads"] = "false",
            ["StyleGallery__Engine__Threads"] = "1",
            ["StyleGallery__Engine__CheckpointEveryIterations"] = "5",
            ["StyleGallery__Engine__CheckpointInterval"] = "00:00:05",
            ["StyleGallery__Engine__MaxAttempts"] = "3",
            ["StyleGallery__Engine__QueueCapacity"] = "64",
            // The poison job runs "forever" (100 000 iterations) without a cookie, past the anonymous budget.
            ["StyleGallery__JobBudgets__AnonymousOptimiseSeconds"] = "100000",
            ["StyleGallery__MaxConcurrentJobsPerAddress"] = "1000",
            // Every test client is one loopback address; the rate limits have their own tests.
            ["StyleGallery__RateLimits__Enabled"] = "false",
        };
        WorkerHealthUrls = Enumerable.Range(1, 2).Select(_ => $"http://127.0.0.1:{FreePort()}/").ToList();
        WorkerMetricsUrls = Enumerable.Range(1, 2).Select(_ => $"http://127.0.0.1:{FreePort()}/").ToList();
        Workers = Enumerable.Range(0, 2).Select(i => new NodeProcess($"worker {i + 1}", "StyleGallery.Worker", [], new Dictionary<string, string>(shared)
        {
            ["StyleGallery__Worker__HealthUrl"] = WorkerHealthUrls[i],
            ["StyleGallery__Worker__MetricsUrl"] = WorkerMetricsUrls[i],
            ["DOTNET_ENVIRONMENT"] = "Production",
        })).ToList();
        WebUrls = Enumerable.Range(1, 2).Select(_ => $"http://127.0.0.1:{FreePort()}").ToList();
        WebNodes = WebUrls.Select((url, i) => new NodeProcess($"web node {i + 1}", "StyleGallery.Web", ["--urls", url], new Dictionary<string, string>(shared)
        {
            ["StyleGallery__Engine__Mode"] = "Remote",
            // Each request in the output, so a test can tell which node served a browser.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["StyleGallery__SamplePhotosDirectory"] = Path.Combine(SharedData.Root, "images", "content"),
        })).ToList();
        // One web node first: it migrates the new database, so the others start on a finished schema.
        await StartWebNodeAsync(0);
        await EnsureRunningAsync();
        _proxy = ProxyApp.Build(["--urls", ProxyUrl, "--Proxy:HealthCheckInterval=1", "--Logging:LogLevel:Default=Warning", .. WebUrls.Select((u, i) => $"--Proxy:Destinations:{i}={u}")]);
        await _proxy.StartAsync();
    }

    /// <summary>
    /// Every process running and no job left unfinished by an earlier test: leftovers are cancelled in their rows and
    /// the workers restarted, so whatever the broker gives them again finds its row ended and is not run.
    /// </summary>
    public async Task ResetAsync()
    {
        await EnsureRunningAsync();
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var cancel = new NpgsqlCommand(
            "UPDATE \"Jobs\" SET \"Status\" = 'Cancelled', \"FinishedAt\" = now() WHERE \"Status\" IN ('Queued', 'Running')", connection);
        if (await cancel.ExecuteNonQueryAsync() == 0) return;
        foreach (var worker in Workers) await worker.KillAsync();
        await EnsureRunningAsync();
    }

    /// <summary>Starts whatever process is not running and waits until every one is ready.</summary>
    public async Task EnsureRunningAsync()
    {
        if (!Broker.IsRunning) Broker.Start();
        var starting = new List<Task>();
        for (var i = 0; i < WebNodes.Count; i++) if (!WebNodes[i].IsRunning) starting.Add(StartWebNodeAsync(i));
        for (var i = 0; i < Workers.Count; i++) if (!Workers[i].IsRunning) starting.Add(StartWorkerAsync(i));
        await Task.WhenAll(starting);
    }

    public async Task StartWorkerAsync(int index)
    {
        var worker = Workers[index];
        var lives = CountOf(worker.Output, "Engine worker ready");
        worker.Start();
        await Eventually.TrueAsync(() => Task.FromResult(CountOf(worker.Output, "Engine worker ready") > lives || Died(worker)),
            $"{worker.Name} is ready", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200));
        if (!worker.IsRunning) throw new InvalidOperationException($"{worker.Name} exited:\n{worker.Tail()}");
    }

    public async Task StartWebNodeAsync(int index)
    {
        var node = WebNodes[index];
        node.Start();
        await Eventually.TrueAsync(async () =>
        {
            if (Died(node)) throw new InvalidOperationException($"{node.Name} exited:\n{node.Tail()}");
            try
            {
                using var health = await _http.GetAsync(WebUrls[index] + "/healthz");
                var page = health.IsSuccessStatusCode ? await _http.GetStringAsync(WebUrls[index] + "/") : "";
                return page.Split(" style-card\"").Length > 2;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"{node.Name} is ready", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(300));
    }

    /// <summary>Queues an optimisation of a small photo through a web node's API, as a script would; returns its id.</summary>
    public async Task<string> SubmitAsync(string baseUrl, int iterations, int maxSide = 64, HttpClient? client = null) =>
        await JobApi.SubmitAsync(client ?? _http, baseUrl, iterations, maxSide);

    public Task<HttpResponseMessage> PostJobAsync(string baseUrl, int iterations, int maxSide = 64) => JobApi.PostAsync(_http, baseUrl, iterations, maxSide);

    /// <summary>The job as <c>GET /api/jobs/{id}</c> of a web node tells it.</summary>
    internal Task<JobView> GetAsync(string baseUrl, string id) => JobApi.GetAsync(_http, baseUrl, id);

    /// <summary>Polls a web node until <paramref name="done"/> holds for the job, handing every state seen to <paramref name="seen"/>.</summary>
    internal Task<JobView> WaitAsync(string baseUrl, string id, Func<JobView, bool> done, Action<JobView>? seen = null) =>
        JobApi.WaitAsync(_http, baseUrl, id, done, seen);

    /// <summary>The worker whose output says it ran the job (the latest to take it), or null.</summary>
    internal NodeProcess? WorkerRunning(string id) =>
        Workers.Select(w => (Worker: w, Line: w.LastLineWith("Running job " + id))).Where(w => w.Line >= 0)
            .OrderByDescending(w => w.Line).Select(w => w.Worker).FirstOrDefault();

    /// <summary>How many workers' outputs say they took the job, in all.</summary>
    public int TimesTaken(string id) => Workers.Sum(w => CountOf(w.Output, "Running job " + id));

    /// <summary>The stored result files of a job in the shared data folder.</summary>
    public IReadOnlyList<string> ResultFiles(string id) =>
        Directory.Exists(Path.Combine(_data, "results")) ? Directory.GetFiles(Path.Combine(_data, "results"), id + ".png") : [];

    public HttpClient Http => _http;

    public async Task DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        foreach (var node in WebNodes.Concat(Workers)) await node.DisposeAsync();
        Broker?.Dispose();
        if (_database is not null) PostgresServer.Shared.DropDatabase(_database);
        _http.Dispose();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    /// <summary>Everything each process wrote, for a failure message.</summary>
    public string Logs() => string.Join("\n\n", WebNodes.Concat(Workers).Select(n => $"== {n.Name}\n{n.Tail(60)}"));

    private static bool Died(NodeProcess node) => !node.IsRunning;

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every cluster test shares one cluster (it takes a minute to start) and they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<TestCluster>
{
    public const string Name = "Cluster";
}
