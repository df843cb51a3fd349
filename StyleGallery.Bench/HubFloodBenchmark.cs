using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StyleGallery.Bench.Servers;
using StyleGallery.Engine.Imaging;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>
/// Sizes of <see cref="HubFloodBenchmark"/>: the attack issue 24 reported (3000 long ids per connection), with ids under
/// the hub's message size limit so that each reaches the hub's own check (longer ones close the connection).
/// </summary>
internal sealed record HubFloodOptions
{
    public int Connections { get; init; } = 10;

    /// <summary>Subscribe calls per connection, each with a made-up id of <see cref="IdLength"/> characters.</summary>
    public int CallsPerConnection { get; init; } = 300;

    public int IdLength { get; init; } = 1_000;

    public string? Markdown { get; init; } = "docs/benchmarks.md";
}

/// <summary>
/// The jobs hub under a flood of subscriptions, measured in the web app's own process: connections that subscribe to
/// thousands of long made-up ids and, many times over, to one real job; the server's resident memory before, at the
/// peak and after the connections are gone. Before the hub checked ids and capped subscriptions, 3000 long ids on one
/// connection kept about 170 MB after it closed (issue 24, point 4).
/// </summary>
internal static class HubFloodBenchmark
{
    public static async Task<int> RunAsync(HubFloodOptions options, TextWriter log)
    {
        var data = Path.Combine(Path.GetTempPath(), "sg-bench-hub-" + Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        await using var web = new NodeProcess("web app", "StyleGallery.Web", ["--urls", url], new Dictionary<string, string>
        {
            ["StyleGallery__DataDirectory"] = data,
            ["StyleGallery__Engine__MirrorDirectory"] = HostPaths.DevelopmentMirror() ?? "",
            ["StyleGallery__Engine__PaintingMirrorDirectory"] = HostPaths.DevelopmentImages("styles") ?? "",
            ["StyleGallery__Engine__AllowDownloads"] = "false",
            ["StyleGallery__RateLimits__Enabled"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            web.Start();
            await web.WaitForOutputAsync("Now listening on", TimeSpan.FromMinutes(2));
            var job = await SubmitAsync(http, url);
            var pid = web.ProcessId!.Value;
            var before = Kb(pid, "VmRSS:");
            File.WriteAllText($"/proc/{pid}/clear_refs", "5"); // a new window for VmHWM

            var (refused, accepted, closed) = await FloodAsync(url, job, options);
            var peak = Kb(pid, "VmHWM:");
            await Task.Delay(TimeSpan.FromSeconds(10));
            var after = Kb(pid, "VmRSS:");

            var md = new StringBuilder();
            md.AppendLine("## Jobs hub under a subscription flood");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench hub` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores): the web app as a process, {options.Connections} connections to `/hubs/jobs`, each calling `Subscribe` {options.CallsPerConnection} times with made-up ids of {options.IdLength:N0} characters and {options.CallsPerConnection} times with one real job's id.");
            md.AppendLine();
            md.AppendLine("| server RSS before | peak during the flood | 10 s after the connections closed | subscriptions refused | accepted | connections closed by the server |");
            md.AppendLine("|---|---|---|---|---|---|");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {before / 1024} MB | {peak / 1024} MB (+{(peak - before) / 1024}) | {after / 1024} MB ({(after - before) / 1024:+#;-#;0}) | {refused} | {accepted} | {closed} |");
            md.AppendLine();
            md.AppendLine("The hub keeps nothing for a refused id (it checks the id before storing it) and drops a connection's subscriptions with the connection (capped at 32, the same job counted once); so what stays after the connections are gone is memory the process keeps for reuse (its .NET heap), not subscriptions. Before the hub checked ids (issue 24), 3000 long ids on one connection kept about 170 MB after it closed.");
            await log.WriteLineAsync(md.ToString());
            MarkdownSections.Publish(options.Markdown, "## Jobs hub under a subscription flood", md.ToString(), log);
            return 0;
        }
        finally
        {
            await web.KillAsync();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int Refused, int Accepted, int Closed)> FloodAsync(string url, string job, HubFloodOptions options)
    {
        var refused = 0;
        var accepted = 0;
        var closed = 0;
        var junk = new string('a', options.IdLength);
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            await using var hub = new HubConnectionBuilder().WithUrl(url + "/hubs/jobs").Build();
            await hub.StartAsync();
            for (var i = 0; i < options.CallsPerConnection && hub.State == HubConnectionState.Connected; i++)
            {
                foreach (var id in new[] { junk + i.ToString(CultureInfo.InvariantCulture), job })
                {
                    try
                    {
                        await hub.InvokeAsync<JsonElement?>("Subscribe", id);
                        Interlocked.Increment(ref accepted);
                    }
                    catch (HubException)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref closed); // a message over the hub's size limit ends the connection
                        break;
                    }
                }
            }
        }));
        return (refused, accepted, closed);
    }

    private static async Task<string> SubmitAsync(HttpClient http, string url)
    {
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(ImageEncoder.Encode(BenchPhotos.Gradient(96, 64), EncodedFormat.Png));
        photo.Headers.ContentType = new("image/png");
        form.Add(photo, "photo", "photo.png");
        form.Add(new StringContent("scream"), "style");
        form.Add(new StringContent("64"), "maxSide");
        form.Add(new StringContent("3"), "iterations");
        using var response = await http.PostAsync(url + "/api/jobs", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A field of /proc/{pid}/status, in kB.</summary>
    private static long Kb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
