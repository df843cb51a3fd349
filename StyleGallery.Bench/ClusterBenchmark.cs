using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StyleGallery.Bench.Servers;
using StyleGallery.Engine.Imaging;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>Sizes of <see cref="ClusterBenchmark"/>; defaults as docs/benchmarks.md reports them.</summary>
public sealed record ClusterBenchmarkOptions
{
    /// <summary>Small optimisations per throughput run (issue 17 asks for 40).</summary>
    public int Jobs { get; init; } = 40;

    /// <summary>Iterations of each of them, at <see cref="Side"/> px.</summary>
    public int Iterations { get; init; } = 30;

    public int Side { get; init; } = 64;

    /// <summary>Live frames timed per median.</summary>
    public int Frames { get; init; } = 9;

    public string? Markdown { get; init; } = "docs/benchmarks.md";
}

/// <summary>
/// StyleGallery as a cluster on this machine, measured (docs/scale-out.md): a throwaway PostgreSQL and RabbitMQ, one
/// web node in Remote mode, one then two engine workers (one torch thread each). Throughput of small optimisations and
/// their queue wait, a live frame's latency with the workers idle and busy, the time from a worker's death to its job
/// running again, and a small job's end-to-end time through the queue against the in-process engine — all through
/// the web node's HTTP API, as a user's browser or script sees it.
/// </summary>
internal static class ClusterBenchmark
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(120) };

    public static async Task<int> RunAsync(ClusterBenchmarkOptions options, TextWriter log)
    {
        if ((PostgresServer.UnavailableReason ?? RabbitMqServer.UnavailableReason) is { } missing)
        {
            await log.WriteLineAsync($"error: {missing} (sudo apt-get install -y postgresql rabbitmq-server)");
            return ExitCodes.Usage;
        }
        using var broker = RabbitMqServer.StartNew();
        var throughput = new List<(int Workers, TimeSpan Elapsed, TimeSpan WaitP50, TimeSpan WaitP95)>();
        foreach (var workers in new[] { 1, 2 })
        {
            await using var cluster = await Cluster.StartAsync(broker, workers, log);
            throughput.Add(await ThroughputAsync(cluster, options, log));
        }
        await using var two = await Cluster.StartAsync(broker, 2, log);
        var idleFrame = await MedianFrameAsync(two.WebUrl, options.Frames);
        var busy = new[] { await two.SubmitAsync(2000, options.Side), await two.SubmitAsync(2000, options.Side) };
        foreach (var id in busy) await two.WaitAsync(id, s => s.Status == "Running" && s.Step >= 3);
        var busyFrame = await MedianFrameAsync(two.WebUrl, options.Frames);
        foreach (var id in busy) await two.CancelAsync(id);
        var recovery = await RecoveryAsync(two, options);
        var queued = await MedianJobAsync(two, options);
        await using var single = await Cluster.StartInProcessAsync(log);
        var inProcess = await MedianJobAsync(single, options);

        var md = Report(options, throughput, idleFrame, busyFrame, recovery, queued, inProcess);
        await log.WriteLineAsync(md);
        MarkdownSections.Publish(options.Markdown, "## Cluster", md, log);
        return 0;
    }

    private static async Task<(int, TimeSpan, TimeSpan, TimeSpan)> ThroughputAsync(Cluster cluster, ClusterBenchmarkOptions options, TextWriter log)
    {
        await cluster.WaitAsync(await cluster.SubmitAsync(options.Iterations, options.Side), IsFinished); // warm
        // Followed through the jobs hub, as a page follows them: polling 40 jobs would take the CPU the workers measure.
        await using var events = new JobEvents(cluster.WebUrl);
        var clock = Stopwatch.StartNew();
        var submitted = new Dictionary<string, TimeSpan>();
        for (var i = 0; i < options.Jobs; i++)
        {
            var id = await cluster.SubmitAsync(options.Iterations, options.Side);
            submitted[id] = clock.Elapsed;
            await events.FollowAsync(id, clock);
        }
        await events.AllFinishedAsync(submitted.Keys, TimeSpan.FromMinutes(20));
        var elapsed = submitted.Keys.Max(events.FinishedAt);
        var waits = submitted.Select(s => events.StartedAt(s.Key) - s.Value).Order().ToList();
        await log.WriteLineAsync($"{cluster.Workers} worker(s): {options.Jobs} jobs in {elapsed.TotalSeconds:F1} s");
        return (cluster.Workers, elapsed, Percentile(waits, 0.5), Percentile(waits, 0.95));
    }

    /// <summary>From a worker's SIGKILL to its job running again on the other (first poll that sees attempt 2 running).</summary>
    private static async Task<TimeSpan> RecoveryAsync(Cluster cluster, ClusterBenchmarkOptions options)
    {
        var id = await cluster.SubmitAsync(100_000, options.Side);
        await cluster.WaitAsync(id, s => s.Status == "Running" && s.Step >= 10);
        var victim = cluster.WorkerRunning(id);
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        await cluster.WaitAsync(id, s => s.Status == "Running" && s.Attempt == 2, TimeSpan.FromMilliseconds(20));
        var recovered = clock.Elapsed;
        await cluster.CancelAsync(id);
        victim.Start();
        await victim.WaitForOutputAsync("Engine worker ready", TimeSpan.FromMinutes(2));
        return recovered;
    }

    /// <summary>Submission to success of a small optimisation, median of five, the engine idle.</summary>
    private static async Task<TimeSpan> MedianJobAsync(Cluster cluster, ClusterBenchmarkOptions options)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = await cluster.SubmitAsync(5, options.Side);
            await cluster.WaitAsync(id, Finished, TimeSpan.FromMilliseconds(20));
            if (i > 0) times.Add(clock.Elapsed); // the first one loads the loss network
        }
        return Percentile(times.Order().ToList(), 0.5);
    }

    private static async Task<TimeSpan> MedianFrameAsync(string webUrl, int frames)
    {
        var jpeg = ImageEncoder.Encode(BenchPhotos.Gradient(320, 240), EncodedFormat.Jpeg); // the live page's default size
        var times = new List<TimeSpan>();
        for (var i = 0; i < frames + 2; i++)
        {
            using var body = new ByteArrayContent(jpeg);
            body.Headers.ContentType = new("image/jpeg");
            var clock = Stopwatch.StartNew();
            using var response = await Http.PostAsync(webUrl + "/api/live/frames?style=scream&size=320", body);
            response.EnsureSuccessStatusCode();
            if (i >= 2) times.Add(clock.Elapsed); // two to warm each worker's network
        }
        return Percentile(times.Order().ToList(), 0.5);
    }

    private static string Report(ClusterBenchmarkOptions options, List<(int Workers, TimeSpan Elapsed, TimeSpan WaitP50, TimeSpan WaitP95)> throughput,
        TimeSpan idleFrame, TimeSpan busyFrame, TimeSpan recovery, TimeSpan queued, TimeSpan inProcess)
    {
        var md = new StringBuilder();
        md.AppendLine("## Cluster");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench cluster` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`: a throwaway PostgreSQL 15 and RabbitMQ 3.10 on loopback, one web node (`Engine:Mode=Remote`) and engine workers with one torch thread each, all on this machine; every number is seen through the web node's HTTP API.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| workers | {options.Jobs} optimisations ({options.Side} px, {options.Iterations} iterations) | jobs/min | speed-up | queue wait p50 | queue wait p95 |");
        md.AppendLine("|---|---|---|---|---|---|");
        var one = throughput[0].Elapsed;
        foreach (var (workers, elapsed, p50, p95) in throughput)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {workers} | {elapsed.TotalSeconds:F1} s | {options.Jobs / elapsed.TotalMinutes:F1} | {one / elapsed:F2}× | {p50.TotalSeconds:F1} s | {p95.TotalSeconds:F1} s |");
        }
        md.AppendLine();
        md.AppendLine("| measure (2 workers) | median |");
        md.AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| live frame (320×240, the live page's default), workers idle | {idleFrame.TotalMilliseconds:F0} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| live frame, both workers running a long optimisation | {busyFrame.TotalMilliseconds:F0} ms ({busyFrame / idleFrame:F1}×) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| a worker's SIGKILL → its job running again on the other | {recovery.TotalMilliseconds:F0} ms (one run) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| a 5-iteration optimisation, submitted → succeeded, through the queue | {queued.TotalMilliseconds:F0} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| the same on the in-process engine (embedded web app, one torch thread) | {inProcess.TotalMilliseconds:F0} ms (queue adds {(queued - inProcess).TotalMilliseconds:F0} ms) |");
        md.AppendLine();
        md.AppendLine("On this 2-core machine two one-thread workers use both cores, beside the web node, PostgreSQL and RabbitMQ: the speed-up is what the machine has to give, not a limit of the queue. Job times are polled every 20–100 ms, so they carry that much slack.");
        return md.ToString();
    }

    private static bool Finished(JobStatusView state) => IsFinished(state);

    private static bool IsFinished(JobStatusView state) => state.Status is "Succeeded" or "Failed" or "Cancelled";

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>What <c>GET /api/jobs/{id}</c> says.</summary>
    private sealed record JobStatusView(string Status, int Step, int Attempt);

    /// <summary>The processes of one measured set-up; disposing stops them and drops the database.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly List<NodeProcess> _workers = [];
        private readonly string _data = Path.Combine(Path.GetTempPath(), "sg-bench-cluster-" + Guid.NewGuid().ToString("N"));
        private string? _database;
        private NodeProcess? _web;

        public string WebUrl { get; } = $"http://127.0.0.1:{LoopbackPorts.Free()}";

        public int Workers => _workers.Count;

        public static async Task<Cluster> StartAsync(RabbitMqServer broker, int workers, TextWriter log)
        {
            var cluster = new Cluster();
            cluster._database = PostgresServer.Shared.CreateDatabase();
            var settings = cluster.Settings();
            settings["StyleGallery__Cluster__Broker"] = broker.AmqpUri.ToString();
            settings["StyleGallery__Cluster__Prefix"] = "bench-" + Guid.NewGuid().ToString("N")[..8];
            settings["StyleGallery__Database__Provider"] = "postgresql";
            settings["StyleGallery__Database__ConnectionString"] = cluster._database;
            cluster._web = new NodeProcess("web node", "StyleGallery.Web", ["--urls", cluster.WebUrl], new Dictionary<string, string>(settings)
            {
                ["StyleGallery__Engine__Mode"] = "Remote",
            });
            await cluster.StartWebAsync();
            for (var i = 0; i < workers; i++)
            {
                var worker = new NodeProcess($"worker {i + 1}", "StyleGallery.Worker", [], settings);
                cluster._workers.Add(worker);
                worker.Start();
                await worker.WaitForOutputAsync("Engine worker ready", TimeSpan.FromMinutes(2));
            }
            await log.WriteLineAsync($"cluster with {workers} worker(s) up");
            return cluster;
        }

        /// <summary>The embedded default (engine in the web process, SQLite), with the same settings, for comparison.</summary>
        public static async Task<Cluster> StartInProcessAsync(TextWriter log)
        {
            var cluster = new Cluster();
            cluster._web = new NodeProcess("web app", "StyleGallery.Web", ["--urls", cluster.WebUrl], cluster.Settings());
            await cluster.StartWebAsync();
            await log.WriteLineAsync("in-process web app up");
            return cluster;
        }

        /// <summary>The secret each cookie-less job was given, with which it is cancelled.</summary>
        private readonly Dictionary<string, string> _secrets = [];

        public async Task<string> SubmitAsync(int iterations, int side)
        {
            using var form = new MultipartFormDataContent();
            var photo = new ByteArrayContent(ImageEncoder.Encode(BenchPhotos.Gradient(96, 64), EncodedFormat.Png));
            photo.Headers.ContentType = new("image/png");
            form.Add(photo, "photo", "photo.png");
            form.Add(new StringContent("scream"), "style");
            form.Add(new StringContent(side.ToString(CultureInfo.InvariantCulture)), "maxSide");
            form.Add(new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations");
            using var response = await Http.PostAsync(WebUrl + "/api/jobs", form);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/jobs answered {(int)response.StatusCode}: {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            var id = answer.GetProperty("id").GetString()!;
            _secrets[id] = answer.GetProperty("secret").GetString()!;
            return id;
        }

        public async Task CancelAsync(string id)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{WebUrl}/api/jobs/{id}/cancel");
            request.Headers.Add("X-StyleGallery-Secret", _secrets[id]);
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await WaitAsync(id, IsFinished);
        }

        public async Task<JobStatusView> StateAsync(string id)
        {
            var json = await Http.GetFromJsonAsync<JsonElement>(WebUrl + "/api/jobs/" + id);
            return new JobStatusView(json.GetProperty("status").GetString()!, json.GetProperty("step").GetInt32(),
                json.TryGetProperty("attempt", out var attempt) ? attempt.GetInt32() : 0);
        }

        public async Task WaitAsync(string id, Func<JobStatusView, bool> done, TimeSpan? every = null)
        {
            var clock = Stopwatch.StartNew();
            while (!done(await StateAsync(id)))
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"job {id} did not reach the awaited state");
                await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
            }
        }

        public NodeProcess WorkerRunning(string id) =>
            _workers.OrderByDescending(w => w.LastLineWith("Running job " + id)).First();

        public async ValueTask DisposeAsync()
        {
            foreach (var node in _workers.Append(_web).OfType<NodeProcess>()) await node.DisposeAsync();
            if (_database is not null) PostgresServer.Shared.DropDatabase(_database);
            if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        }

        private Dictionary<string, string> Settings() => new()
        {
            ["StyleGallery__DataDirectory"] = _data,
            ["StyleGallery__Engine__MirrorDirectory"] = HostPaths.DevelopmentMirror() ?? "",
            ["StyleGallery__Engine__PaintingMirrorDirectory"] = HostPaths.DevelopmentImages("styles") ?? "",
            ["StyleGallery__Engine__AllowDownloads"] = "false",
            ["StyleGallery__Engine__Threads"] = "1",
            ["StyleGallery__Engine__QueueCapacity"] = "200",
            ["StyleGallery__MaxConcurrentJobsPerOwner"] = "1000",
            ["StyleGallery__JobBudgets__AnonymousOptimiseSeconds"] = "100000",
            ["StyleGallery__MaxConcurrentJobsPerAddress"] = "1000",
            ["StyleGallery__RateLimits__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };

        private async Task StartWebAsync()
        {
            _web!.Start();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (!_web.IsRunning) throw new InvalidOperationException($"The web node exited:\n{_web.Tail()}");
                try
                {
                    var page = await Http.GetStringAsync(WebUrl + "/");
                    if (page.Split(" style-card\"").Length > 2) return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"The web node did not start:\n{_web.Tail()}");
                await Task.Delay(300);
            }
        }
    }
}
