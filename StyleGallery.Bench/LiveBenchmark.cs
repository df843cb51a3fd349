using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using StyleGallery.Bench.Servers;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Hosting;

namespace StyleGallery.Bench;

/// <summary>
/// Issue 22's live page benchmark: the web app's Release build as a Production process on loopback (its own temporary
/// data folder, models from ../shared, a lite version of the style distilled in a few steps or given), then /live in
/// headless Chromium with its fake camera held at each frame size, camera following on, with the full network
/// ("Quality") and the lite one ("Speed"). Each run counts the frames the page painted over
/// <see cref="LiveBenchmarkOptions.Duration"/> after a warm-up; the round trips and the server's own time come from
/// the frame requests (their <c>Server-Timing</c>). Measured, not asserted: the targets are reported as met or missed.
/// </summary>
internal static class LiveBenchmark
{
    public const string Heading = "## Live camera page";

    /// <summary>The lite network with one frame in flight (<c>/live?inflight=1</c>, as the page was before): what the second one brings.</summary>
    private const string OneInFlight = "lite, one in flight";

    /// <summary>Issue 22's targets for the page with a lite network: frames/s at each frame size.</summary>
    private static readonly Dictionary<FrameSize, double> Targets = new() { [new(320, 240)] = 24, [new(640, 360)] = 12 };

    internal sealed record Run(FrameSize Size, string Network, string StyleId, int Number, double FramesPerSecond, int Frames,
        double RoundTripMs, double ServerMs, int MaxInFlight, string Readout);

    public static async Task<int> RunAsync(LiveBenchmarkOptions options, TextWriter log)
    {
        if (options.Build) await WebBenchmark.BuildWebAppAsync(log);
        var mirror = HostPaths.DevelopmentMirror() ?? throw new InvalidOperationException("No ../shared/models (or $STYLEGALLERY_SHARED).");
        var data = Path.Combine(Path.GetTempPath(), "sg-bench-live-" + Guid.NewGuid().ToString("N"));
        var liteId = options.Style + "-lite";
        var liteSource = await PrepareLiteAsync(options, mirror, Path.Combine(data, "models"), liteId, log);
        log.WriteLine("The server's stages, in this process, one frame at a time ...");
        var photo = Path.Combine(HostPaths.DevelopmentImages("content") ?? throw new InvalidOperationException("No ../shared/images/content."), "tubingen.jpg");
        var stages = options.StageFrames <= 0 ? [] : LiveStages.Measure(options.Sizes, Path.Combine(mirror, "fast", options.Style + ".safetensors"),
            new UserStyles(Path.Combine(data, "models")).PathOf(liteId), photo, options.StageFrames, warmup: 5);
        foreach (var row in stages)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Size} {row.Network}: decode {row.DecodeMs:0.0} ms, follow {row.FollowMs:0.0} ms, network {row.NetworkMs:0.0} ms, encode {row.EncodeMs:0.0} ms"));
        var loadBefore = MachineInfo.LoadAverage();
        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        await using var web = new NodeProcess("web app", "StyleGallery.Web", ["--urls", url], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["StyleGallery__DataDirectory"] = data,
            ["StyleGallery__Engine__MirrorDirectory"] = mirror,
            ["StyleGallery__Engine__PaintingMirrorDirectory"] = HostPaths.DevelopmentImages("styles") ?? "",
            ["StyleGallery__Engine__AllowDownloads"] = "false",
        });
        try
        {
            web.Start();
            await web.WaitForOutputAsync("Now listening on", TimeSpan.FromMinutes(2));
            using (var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) })
                await WebBenchmark.WaitForStylesAsync(http, log);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.Chrome,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
            });
            var runs = new List<Run>();
            var clock = Stopwatch.StartNew();
            // Run by run over every case, so that a busy minute of the machine spreads over cases instead of hitting one.
            for (var number = 1; number <= options.Runs; number++)
            {
                foreach (var size in options.Sizes)
                {
                    foreach (var network in new[] { "full", "lite", OneInFlight })
                    {
                        var run = await MeasureAsync(browser, url, options, size, network, liteId, number);
                        runs.Add(run);
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"[{clock.Elapsed:mm\\:ss}] {size} {network} ({run.StyleId}) #{number}: {run.FramesPerSecond:0.0} frames/s ({run.Frames} frames), round trip {run.RoundTripMs:0} ms, server {run.ServerMs:0} ms, at most {run.MaxInFlight} in flight; the page shows \"{run.Readout}\""));
                    }
                }
            }
            var md = Render(options, runs, stages, liteSource, browser.Version, (loadBefore, MachineInfo.LoadAverage()));
            MarkdownSections.Publish(options.Markdown, Heading, md, log);
            return 0;
        }
        finally
        {
            await web.KillAsync();
            try
            {
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Puts a lite network of the style into the app's models folder as the user style <paramref name="id"/>: the given
    /// file (with its sidecar when it has one), or one distilled here in a few steps. Says where it came from.
    /// </summary>
    private static async Task<string> PrepareLiteAsync(LiveBenchmarkOptions options, string mirror, string models, string id, TextWriter log)
    {
        var registry = new UserStyles(models);
        Directory.CreateDirectory(Path.GetDirectoryName(registry.PathOf(id))!);
        if (options.Lite is { } given)
        {
            File.Copy(given, registry.PathOf(id));
            registry.Register(id, $"{options.Style} (lite)", options.Style, steps: 0);
            log.WriteLine($"Lite network: {given}.");
            return $"`{Path.GetFileName(given)}`";
        }
        var teacher = Path.Combine(mirror, "fast", options.Style + ".safetensors");
        var photos = HostPaths.DevelopmentImages("train") ?? HostPaths.DevelopmentImages("content") ?? throw new InvalidOperationException("No ../shared/images/train.");
        var distillation = new DistillationOptions { Steps = options.DistillSteps, CropSize = 64, BatchSize = 1, CheckpointEvery = 0 };
        var request = new DistillationRequest(FastNetworkSource.Pretrained(teacher), options.Style, photos, registry.PathOf(id), distillation);
        log.WriteLine($"Distilling {id} from {teacher} in {options.DistillSteps} steps (its speed does not depend on how well it learned) ...");
        var result = await Task.Factory.StartNew(() => new LiteDistiller().Distill(request, CancellationToken.None, _ => { }),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        registry.Register(id, $"{options.Style} (lite)", options.Style, result.Steps);
        return $"distilled by the benchmark in {result.Steps} steps of one 64-px crop (a lite network's speed does not depend on its training)";
    }

    /// <summary>One run: a fresh browser context (a new visitor), the camera held at the size, painting counted after a warm-up.</summary>
    private static async Task<Run> MeasureAsync(IBrowser browser, string url, LiveBenchmarkOptions options, FrameSize size, string network, string liteId, int number)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(120_000);
        // Chromium's fake camera, asked for exactly this size (it scales its test pattern to it).
        await context.AddInitScriptAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            (() => {
              const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              navigator.mediaDevices.getUserMedia = c => open({ ...c, video: { width: { exact: {{size.Width}} }, height: { exact: {{size.Height}} } } });
            })();
            """));
        var page = await context.NewPageAsync();
        var side = Math.Max(size.Width, size.Height);
        var styleId = await OpenAsync(page, url, options.Style, side, network == "full" ? null : liteId, network == OneInFlight ? 1 : 2);

        var frames = new FrameRequests();
        page.Request += (_, r) => frames.Started(r);
        page.RequestFinished += (_, r) => frames.Ended(r, failed: false);
        page.RequestFailed += (_, r) => frames.Ended(r, failed: true);
        await page.GetByTestId("live-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0) >= 3");
        await Task.Delay(options.Warmup);
        frames.Measuring = true;
        var start = await CountAsync(page);
        await Task.Delay(options.Duration);
        var end = await CountAsync(page);
        frames.Measuring = false;
        var readout = await page.GetByTestId("live-rate").TextContentAsync() ?? "";
        await page.GetByTestId("live-toggle").ClickAsync();
        var count = (int)(end[0] - start[0]);
        return new Run(size, network, styleId, number, count * 1000 / (end[1] - start[1]), count,
            await frames.MedianRoundTripAsync(), await frames.MedianServerAsync(), frames.MaxInFlight, readout.Trim());
    }

    /// <summary>
    /// Opens /live on the style at the size and picks the network: "Quality" for the full one; "Speed" for the lite one
    /// when the page offers it for the style, else the lite style itself. Returns the id of the style painting.
    /// </summary>
    private static async Task<string> OpenAsync(IPage page, string url, string style, int side, string? liteId, int inFlight)
    {
        await GoToAsync(page, $"{url}/live?style={style}&size={side}&inflight={inFlight}");
        // MudRadio puts the test id on its input.
        var speed = page.Locator("input[data-testid=live-speed]");
        var offered = await speed.CountAsync() > 0 && await speed.IsEnabledAsync();
        if (liteId is null)
        {
            if (offered) await page.Locator("input[data-testid=live-quality]").ClickAsync();
            return style;
        }
        if (offered)
        {
            await speed.ClickAsync();
            return style + " → its lite version";
        }
        await GoToAsync(page, $"{url}/live?style={liteId}&size={side}&inflight={inFlight}");
        return liteId;
    }

    private static async Task GoToAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        await Assertions.Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 120_000 });
    }

    /// <summary>[frames painted, the page's clock in ms].</summary>
    private static Task<double[]> CountAsync(IPage page) =>
        page.EvaluateAsync<double[]>("() => [Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0), performance.now()]");

    /// <summary>The page's frame requests: how many were out at once, and the round trips of those that ended while measuring.</summary>
    private sealed class FrameRequests
    {
        private readonly Lock _lock = new();
        private readonly List<IRequest> _measured = [];
        private int _inFlight;

        public bool Measuring { get; set; }
        public int MaxInFlight { get; private set; }

        private static bool IsFrame(IRequest r) => r.Url.Contains("/api/live/frames", StringComparison.Ordinal);

        public void Started(IRequest r)
        {
            if (!IsFrame(r)) return;
            lock (_lock) MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
        }

        public void Ended(IRequest r, bool failed)
        {
            if (!IsFrame(r)) return;
            lock (_lock)
            {
                _inFlight--;
                if (Measuring && !failed) _measured.Add(r);
            }
        }

        /// <summary>From the request's start to the last byte of the answer (Playwright's timing, in ms).</summary>
        public Task<double> MedianRoundTripAsync()
        {
            lock (_lock)
                return Task.FromResult(_measured.Count == 0 ? double.NaN : Timing.Median(_measured.Select(r => (double)r.Timing.ResponseEnd)));
        }

        /// <summary>The server's own time for a frame: the sum of its <c>Server-Timing</c> durations.</summary>
        public async Task<double> MedianServerAsync()
        {
            List<IRequest> requests;
            lock (_lock) requests = [.. _measured];
            var durations = new List<double>();
            foreach (var request in requests)
            {
                if (await request.ResponseAsync() is not { } response) continue;
                if (await response.HeaderValueAsync("server-timing") is not { } header) continue;
                durations.Add(ServerTiming(header));
            }
            return durations.Count == 0 ? double.NaN : Timing.Median(durations);
        }
    }

    /// <summary>The sum of the <c>dur</c> values of a <c>Server-Timing</c> header ("read;dur=0.1, paint;dur=30.2").</summary>
    internal static double ServerTiming(string header) =>
        header.Split(',')
            .SelectMany(metric => metric.Split(';').Skip(1))
            .Select(p => p.Trim())
            .Where(p => p.StartsWith("dur=", StringComparison.Ordinal))
            .Sum(p => double.Parse(p["dur=".Length..], CultureInfo.InvariantCulture));

    private static string Render(LiveBenchmarkOptions o, IReadOnlyList<Run> runs, IReadOnlyList<LiveStages.Row> stages, string lite, string chromium,
        (double Before, double After) load)
    {
        var md = new StringBuilder();
        md.AppendLine(Heading).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench live` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), " +
            $"Chromium {chromium} (headless, `--use-fake-device-for-media-stream`: its moving test pattern as the camera, held at each frame size) and the app " +
            $"(StyleGallery.Web's Release build as a Production process, models from `../shared`) on one machine over loopback: the browser's capture, " +
            $"JPEG encoding and drawing take the same two cores as the server. `/live` with camera following on, full strength, the page's own pacing " +
            $"(at most two frames in flight; the *one frame in flight* row is the page as it was before, `/live?inflight=1`, for comparison). " +
            $"*Quality* is the full `{o.Style}` network, *Speed* its lite version ({lite}). Each run is a fresh " +
            $"browser context: {o.Warmup.TotalSeconds:0} s of painting to warm up, then the frames the page painted in {o.Duration.TotalSeconds:0} s " +
            $"are counted; {o.Runs} runs per row, run by run over every row, the median shown. Round trip: from a frame's request to the last byte " +
            $"of its answer; server: the answer's `Server-Timing` (reading the body, then decoding, following the camera, the network and encoding).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: 1-minute load average {load.Before:0.0} before the runs and {load.After:0.0} after (the benchmark itself keeps both cores busy). " +
            $"On a shared machine rerun before trusting a number.");
        md.AppendLine();
        md.AppendLine("| frame | network | painted frames/s | runs | round trip ms | server ms | most in flight | target |");
        md.AppendLine("|---|---|---:|---|---:|---:|---:|---|");
        foreach (var group in runs.GroupBy(r => (r.Size, r.Network)))
        {
            var g = group.ToList();
            var fps = Timing.Median(g.Select(r => r.FramesPerSecond));
            var target = group.Key.Network == "lite" && Targets.TryGetValue(group.Key.Size, out var t)
                ? (fps >= t ? $"≥ {t:0}: met" : $"≥ {t:0}: **missed**")
                : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Size.Width}×{group.Key.Size.Height} | {group.Key.Network switch { "lite" => "Speed (lite)", OneInFlight => "Speed, one frame in flight", _ => "Quality (full)" }} | {fps:0.0} | " +
                $"{string.Join(", ", g.Select(r => r.FramesPerSecond.ToString("0.0", CultureInfo.InvariantCulture)))} | {Timing.Median(g.Select(r => r.RoundTripMs)):0} | " +
                $"{Timing.Median(g.Select(r => r.ServerMs)):0} | {g.Max(r => r.MaxInFlight)} | {target} |");
        }
        md.AppendLine();
        if (stages.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"The server's part of a frame, stage by stage (before the page runs, in the benchmark's own process, one frame at a time, medians of {o.StageFrames} " +
                $"frames of a photo panning 2 pixels a frame, sent as JPEG 90 like the page's): decoding and encoding run on the request's thread, following " +
                $"the camera and the network on the engine's, so with two frames in flight the engine's share bounds the frame rate.");
            md.AppendLine();
            md.AppendLine("| frame | network | decode ms | follow the camera ms | network ms | encode ms | engine's share → frames/s at most |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var row in stages)
            {
                var engine = row.FollowMs + row.NetworkMs;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Size.Width}×{row.Size.Height} | {(row.Network == "lite" ? "lite" : "full")} | {row.DecodeMs:0.0} | {row.FollowMs:0.0} | {row.NetworkMs:0.0} | " +
                    $"{row.EncodeMs:0.0} | {engine:0.0} ms → {1000 / engine:0.0} |");
            }
            md.AppendLine();
        }
        md.AppendLine("The network alone at these sizes: [Lite networks](#lite-networks). What the milliseconds of a frame are spent on: [lite.md](lite.md#the-live-page).");
        return md.ToString();
    }

}
