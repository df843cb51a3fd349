using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StyleGallery.Engine.Imaging;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>Settings of <c>stylegallery-bench load</c>.</summary>
internal sealed record LoadBenchmarkOptions
{
    public int Clients { get; init; } = 100;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Each client stops after this many frames even before <see cref="Duration"/>.</summary>
    public int FramesPerClient { get; init; } = 200;
    /// <summary>Small optimisations (64 px, 3 iterations) each client posts, spread over the run.</summary>
    public int JobsPerClient { get; init; } = 1;
    /// <summary>How long accepted jobs may take to finish after the clients stop.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromMinutes(5);
    public string FrameStyle { get; init; } = "rain_princess";
    public string JobStyle { get; init; } = "udnie";
    public string? Markdown { get; init; } = "docs/benchmarks.md";
}

/// <summary>
/// Issue 18, point 8: the built web app (StyleGallery.Web's Release output) as its own process on loopback, with a temporary
/// data folder and the models from ../shared; N clients, each with its own owner cookie, post live frames back to back
/// and a few small jobs, bounded in count and time; then every accepted job is followed to its end. Reported: status
/// counts, p50/p95 latency per kind, the server's peak RSS (VmHWM of its process) and whether every accepted job
/// finished. Fails (exit 1) when anything answered 5xx other than 503, a 429/503 lacked Retry-After, or an accepted job
/// was lost. Each loopback client stands for a visitor of its own, so the per-address tier of the rate limits is raised
/// to the number of clients; each client's own limits stay the defaults.
/// </summary>
internal static class LoadBenchmark
{
    private const string Heading = "## Load: concurrent clients";

    public static async Task<int> RunAsync(LoadBenchmarkOptions options, TextWriter log)
    {
        var data = Path.Combine(Path.GetTempPath(), "sg-load-" + Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        using var server = StartServer(options, data, baseUrl);
        try
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(server, probe, baseUrl, log);
            var rssBefore = Proc(server.Id, "VmRSS:");
            log.WriteLine($"Server {server.Id} ready at {baseUrl}, RSS {rssBefore / 1024.0:0} MB; {options.Clients} clients for {options.Duration.TotalSeconds:0} s.");

            var results = new ConcurrentBag<Outcome>();
            var accepted = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + options.Duration;
            var frame = ImageEncoder.Encode(BenchPhotos.Gradient(160, 120), EncodedFormat.Jpeg);
            var photo = ImageEncoder.Encode(BenchPhotos.Gradient(96, 72), EncodedFormat.Png);
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => ClientAsync(i, options, baseUrl, deadline, frame, photo, results, accepted))));
            var loadSeconds = clock.Elapsed.TotalSeconds;
            log.WriteLine($"Clients done after {loadSeconds:0.0} s; following {accepted.Count} accepted jobs.");
            var (finished, states) = await FollowJobsAsync(probe, baseUrl, accepted, options.Drain);
            var peak = Proc(server.Id, "VmHWM:");
            var report = Report(options, results, accepted.Count, finished, states, loadSeconds, rssBefore, peak);
            MarkdownSections.Publish(options.Markdown, Heading, report, log);
            var bad = results.Count(r => r.Status >= 500 && r.Status != 503 || r.Status == 0)
                + results.Count(r => r.Status is 429 or 503 && !r.RetryAfter)
                + (accepted.Count - finished);
            return bad == 0 ? 0 : 1;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed record Outcome(string Kind, int Status, double Milliseconds, bool RetryAfter);

    private static async Task ClientAsync(int index, LoadBenchmarkOptions options, string baseUrl, DateTime deadline, byte[] frame, byte[] photo,
        ConcurrentBag<Outcome> results, ConcurrentBag<string> accepted)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/mine"))
        {
            page.Headers.Add("Accept", "text/html");
            results.Add(await TimedAsync("page", () => http.SendAsync(page)));
        }
        var camera = "load-" + index.ToString(CultureInfo.InvariantCulture);
        var jobEvery = options.JobsPerClient > 0 ? Math.Max(1, options.FramesPerClient / options.JobsPerClient) : int.MaxValue;
        var jobs = 0;
        for (var n = 0; n < options.FramesPerClient && DateTime.UtcNow < deadline; n++)
        {
            var outcome = await TimedAsync("frame", () => http.PostAsync(
                $"/api/live/frames?style={options.FrameStyle}&size=160&camera={camera}", new ByteArrayContent(frame)));
            results.Add(outcome);
            if (outcome.Status is 429 or 503) await Task.Delay(200); // a camera waits for its next frame
            if (jobs < options.JobsPerClient && n % jobEvery == 0) // the first with the first frame, the rest spread
            {
                jobs++;
                string? id = null;
                var job = await TimedAsync("job", async () =>
                {
                    using var form = new MultipartFormDataContent
                    {
                        { new ByteArrayContent(photo), "photo", "photo.png" },
                        { new StringContent(options.JobStyle), "style" },
                        { new StringContent("64"), "maxSide" },
                        { new StringContent("3"), "iterations" },
                    };
                    var response = await http.PostAsync("/api/jobs", form);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                        id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
                    return response;
                });
                results.Add(job);
                if (id is not null) accepted.Add(id);
            }
        }
    }

    private static async Task<Outcome> TimedAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            await response.Content.LoadIntoBufferAsync();
            return new Outcome(kind, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(kind, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, false); // no answer: counted as a failure
        }
    }

    /// <summary>Polls each accepted job until it ends or the drain time is up; returns how many succeeded and the end states.</summary>
    private static async Task<(int Finished, Dictionary<string, int> States)> FollowJobsAsync(HttpClient http, string baseUrl, IEnumerable<string> ids, TimeSpan drain)
    {
        var until = DateTime.UtcNow + drain;
        var states = new Dictionary<string, int>();
        var finished = 0;
        foreach (var id in ids)
        {
            var state = "Unknown";
            while (DateTime.UtcNow < until)
            {
                try
                {
                    using var response = await http.GetAsync($"{baseUrl}/api/jobs/{id}");
                    state = response.IsSuccessStatusCode
                        ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString() ?? "?"
                        : "HTTP " + (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    state = "no answer";
                }
                if (state is "Succeeded" or "Failed" or "Cancelled" || state.StartsWith("HTTP 404", StringComparison.Ordinal)) break;
                await Task.Delay(500);
            }
            states[state] = states.GetValueOrDefault(state) + 1;
            if (state == "Succeeded") finished++;
        }
        return (finished, states);
    }

    private static string Report(LoadBenchmarkOptions options, ConcurrentBag<Outcome> results, int accepted, int finished, Dictionary<string, int> states,
        double seconds, long rssBeforeKb, long peakKb)
    {
        var md = new StringBuilder();
        md.AppendLine(Heading);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench load` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores, CPU only), server and clients on one machine over loopback.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{options.Clients} clients, each with its own owner cookie, for at most {options.Duration.TotalSeconds:0} s or {options.FramesPerClient} frames: 160×120 JPEG frames to `/api/live/frames` ({options.FrameStyle}) back to back, and {options.JobsPerClient} small optimisation ({options.JobStyle}, 64 px, 3 iterations) to `POST /api/jobs` each. Default limits (queue 16, rate limits per client) except `RateLimits:AddressFactor` = {options.Clients} (each loopback client stands for a visitor of its own). Load phase {seconds:0.0} s.");
        md.AppendLine();
        md.AppendLine("| requests | count | 2xx | 429 | 503 | other | p50 ms | p95 ms | 429/503 without Retry-After |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in new[] { "frame", "job", "page" })
        {
            var rows = results.Where(r => r.Kind == kind).ToList();
            if (rows.Count == 0) continue;
            var times = rows.Select(r => r.Milliseconds).Order().ToList();
            var other = rows.Where(r => r.Status is not (>= 200 and < 300) and not 429 and not 503).GroupBy(r => r.Status).Select(g => $"{g.Count()}×{g.Key}");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind}s | {rows.Count} | {rows.Count(r => r.Status is >= 200 and < 300)} | {rows.Count(r => r.Status == 429)} | {rows.Count(r => r.Status == 503)} | {(other.Any() ? string.Join(", ", other) : "0")} | {Percentile(times, 0.5):0} | {Percentile(times, 0.95):0} | {rows.Count(r => r.Status is 429 or 503 && !r.RetryAfter)} |");
        }
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Frames painted per second: {results.Count(r => r.Kind == "frame" && r.Status == 200) / seconds:0.0}. Server RSS before the load {rssBeforeKb / 1024.0:0} MB, peak (VmHWM) {peakKb / 1024.0:0} MB.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Accepted jobs: {accepted}; finished (Succeeded): {finished}{(accepted == finished ? " — none lost" : " — NOT ALL FINISHED")}; end states: {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}.");
        return md.ToString();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static Process StartServer(LoadBenchmarkOptions options, string data, string baseUrl)
    {
        var dll = WebAppDll();
        var models = HostPaths.DevelopmentMirror() ?? throw new InvalidOperationException("No ../shared/models (or $STYLEGALLERY_SHARED) to take the models from.");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        info.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["StyleGallery__DataDirectory"] = data;
        info.Environment["StyleGallery__Engine__MirrorDirectory"] = models;
        info.Environment["StyleGallery__Engine__AllowDownloads"] = "false";
        info.Environment["StyleGallery__Engine__PaintingMirrorDirectory"] = Path.Combine(models, "..", "images", "styles");
        info.Environment["StyleGallery__RateLimits__AddressFactor"] = options.Clients.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the web app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>StyleGallery.Web's Release build output under the working directory (the repository root).</summary>
    private static string WebAppDll()
    {
        var bin = Path.Combine(Directory.GetCurrentDirectory(), "StyleGallery.Web", "bin", "Release");
        var dll = Directory.Exists(bin) ? Directory.GetFiles(bin, "StyleGallery.Web.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        return dll ?? throw new FileNotFoundException("Build the web app first: dotnet build StyleGallery.Web -c Release (run from the repository root).", bin);
    }

    private static async Task WaitUntilReadyAsync(Process server, HttpClient http, string baseUrl, TextWriter log)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < until)
        {
            if (server.HasExited) throw new InvalidOperationException($"The web app exited with code {server.ExitCode}.");
            try
            {
                if ((await http.GetStringAsync(baseUrl + "/")).Split(" style-card\"").Length > 2) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        log.WriteLine("The web app did not list its styles within 3 minutes.");
        throw new TimeoutException("The web app did not become ready.");
    }

    /// <summary>A field of /proc/{pid}/status in kB.</summary>
    private static long Proc(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
