using System.CommandLine;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary>
/// The benchmarks' command (<c>dotnet run --project StyleGallery.Bench -c Release -- fast|gatys|train|trained|video|steadiness|decode|cluster|load|hub|web</c>):
/// measured, not asserted; results go to docs/benchmarks.md. In-process so tests can run it with their own writers.
/// </summary>
public static class BenchApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var root = new RootCommand("StyleGallery benchmarks, against the PyTorch reference where there is one; they write docs/benchmarks.md. Run from the repository root (they read ../shared).")
        {
            Fast(stdout),
            GatysBenchCommand.Create(stdout),
            TrainBenchCommand.Create(stdout),
            LiteBenchCommand.Create(stdout),
            LiteQualityCommand.Create(stdout),
            LiteMinutesCommand.Create(stdout),
            TrainedQualityCommand.Create(stdout),
            NoiseStartCommand.Create(stdout),
            Video(stdout),
            Steadiness(stdout),
            Decode(stdout),
            Cluster(stdout),
            Hub(stdout),
            Load(stdout),
            Web(stdout),
            Live(stdout),
            Poster(stdout),
            PosterRunCommand(stdout),
            GatysPosterBenchmark.Create(stdout),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'stylegallery-bench --help' for usage.");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(invocation, ct);
    }

    private static Command Poster(TextWriter output)
    {
        var defaults = new PosterBenchmarkOptions();
        var sizes = new Option<string?>("--sizes") { Description = "Comma-separated sizes, e.g. 1920x1080,8192x8192" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var quality = new Option<bool>("--skip-quality") { Description = "Skip the float32 statistics comparison at 2048²" };
        var statistics = new Option<string?>("--statistics") { Description = "The tiled rows' statistics, e.g. sampled,downscaled (sampled[:core[:share]], downscaled[:pixels], exact, pertile)" };
        var variants = new Option<string?>("--quality-variants") { Description = "The statistics compared in float32, e.g. exact,sampled,sampled:256:0.125,pertile" };
        var pictures = new Option<string?>("--pictures") { Description = "Folder for the border crops", DefaultValueFactory = _ => defaults.Pictures };
        var command = new Command("poster", "Fast styles at poster sizes, tiled and (where it fits) whole: time, peak RSS, tiled vs whole, seams")
        {
            sizes, markdown, quality, statistics, variants, pictures,
        };
        command.SetAction(parsed => PosterBenchmark.Run(defaults with
        {
            Sizes = parsed.GetValue(sizes) is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(FrameSize.Parse).ToList() : defaults.Sizes,
            Markdown = parsed.GetValue(markdown) ?? defaults.Markdown,
            Quality = !parsed.GetValue(quality),
            SizeStatistics = parsed.GetValue(statistics) is { } st ? StatisticsVariant.ParseList(st) : defaults.SizeStatistics,
            QualityVariants = parsed.GetValue(variants) is { } v ? StatisticsVariant.ParseList(v) : defaults.QualityVariants,
            Pictures = parsed.GetValue(pictures) ?? defaults.Pictures,
        }, output));
        return command;
    }

    private static Command PosterRunCommand(TextWriter output)
    {
        var defaults = new FastStyleOptions();
        var style = new Option<string>("--style") { DefaultValueFactory = _ => "udnie" };
        var input = new Option<string>("--in") { Required = true };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => FastStyleOptions.MaxSideLimit };
        var tile = new Option<int?>("--tile");
        var whole = new Option<bool>("--whole") { Description = "Never tile" };
        var memory = new Option<int>("--memory") { DefaultValueFactory = _ => defaults.MemoryLimitMegabytes };
        var statistics = new Option<TileStatistics>("--statistics") { DefaultValueFactory = _ => defaults.TileStatistics };
        var precision = new Option<ComputePrecision>("--precision") { DefaultValueFactory = _ => defaults.Precision };
        var raw = new Option<string?>("--raw") { Description = "Write the painted RGB bytes here" };
        var statisticsPixels = new Option<int>("--statistics-pixels") { DefaultValueFactory = _ => defaults.StatisticsPixels };
        var sampleCore = new Option<int>("--sample-core") { DefaultValueFactory = _ => defaults.SampleCore };
        var sampleShare = new Option<double>("--sample-share") { DefaultValueFactory = _ => defaults.SampleShare };
        var sampleGuided = new Option<bool?>("--sample-guided");
        var outFile = new Option<string?>("--out") { Description = "Encode the picture here (.png or .jpg)" };
        var shared = new Option<string>("--shared") { DefaultValueFactory = _ => Path.Combine("..", "shared") };
        var threads = new Option<int>("--threads");
        var command = new Command("poster-run", "One fast painting in this process, for the poster benchmark: prints a JSON line")
        {
            style, input, size, tile, whole, memory, statistics, statisticsPixels, sampleCore, sampleShare, sampleGuided, precision, raw, outFile, shared, threads,
        };
        command.Hidden = true;
        command.SetAction(parsed => PosterRun.Run(new PosterRun.Request(
            parsed.GetValue(style)!, parsed.GetValue(input)!,
            defaults with
            {
                MaxSide = parsed.GetValue(size),
                Tile = parsed.GetValue(tile),
                MemoryLimitMegabytes = parsed.GetValue(whole) ? int.MaxValue : parsed.GetValue(memory),
                TileStatistics = parsed.GetValue(statistics),
                StatisticsPixels = parsed.GetValue(statisticsPixels),
                SampleCore = parsed.GetValue(sampleCore),
                SampleShare = parsed.GetValue(sampleShare),
                SampleGuided = parsed.GetValue(sampleGuided) ?? defaults.SampleGuided,
                Precision = parsed.GetValue(precision),
            },
            parsed.GetValue(shared)!, parsed.GetValue(raw), parsed.GetValue(outFile), parsed.GetValue(threads)), output));
        return command;
    }

    private static Command Hub(TextWriter output)
    {
        var defaults = new HubFloodOptions();
        var connections = new Option<int>("--connections") { Description = "Hub connections", DefaultValueFactory = _ => defaults.Connections };
        var calls = new Option<int>("--calls") { Description = "Subscribe calls per connection and kind", DefaultValueFactory = _ => defaults.CallsPerConnection };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("hub", "The web app's RSS under a flood of hub subscriptions (made-up long ids and one real job)") { connections, calls, markdown };
        command.SetAction((parsed, ct) => HubFloodBenchmark.RunAsync(defaults with
        {
            Connections = parsed.GetValue(connections),
            CallsPerConnection = parsed.GetValue(calls),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private static Command Web(TextWriter output)
    {
        var defaults = new WebBenchmarkOptions();
        var runs = new Option<int>("--runs") { Description = "Lighthouse runs per page and form factor (median reported)", DefaultValueFactory = _ => defaults.Runs };
        var pages = new Option<string?>("--pages") { Description = "Comma-separated pages, e.g. /,/r/{id} ({id}: the picture the benchmark makes)" };
        var formFactors = new Option<string?>("--form-factors") { Description = "mobile, desktop or both (mobile,desktop)" };
        var noBuild = new Option<bool>("--no-build") { Description = "Use StyleGallery.Web's Release build as it is" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("web", "Lighthouse (pinned in bench/web) on the web app's pages as a phone and a desktop, against its Production build")
        {
            runs, pages, formFactors, noBuild, markdown,
        };
        command.SetAction((parsed, ct) => WebBenchmark.RunAsync(defaults with
        {
            Runs = parsed.GetValue(runs),
            Pages = parsed.GetValue(pages) is { } p ? p.Split(',') : defaults.Pages,
            FormFactors = parsed.GetValue(formFactors) is { } f ? f.Split(',') : defaults.FormFactors,
            Build = !parsed.GetValue(noBuild),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private static Command Live(TextWriter output)
    {
        var defaults = new LiveBenchmarkOptions();
        var sizes = new Option<string?>("--sizes") { Description = "Comma-separated camera frame sizes, e.g. 320x240,640x360" };
        var runs = new Option<int>("--runs") { Description = "Runs per size and network (median reported)", DefaultValueFactory = _ => defaults.Runs };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of painting counted per run", DefaultValueFactory = _ => (int)defaults.Duration.TotalSeconds };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of painting before the count", DefaultValueFactory = _ => (int)defaults.Warmup.TotalSeconds };
        var style = new Option<string>("--style") { Description = "The full style network", DefaultValueFactory = _ => defaults.Style };
        var lite = new Option<string?>("--lite") { Description = "Its lite version (a distilled .safetensors); default: distil one in a few steps" };
        var stageFrames = new Option<int>("--stage-frames") { Description = "Frames timed per row of the server's stage breakdown (0: skip it)", DefaultValueFactory = _ => defaults.StageFrames };
        var noBuild = new Option<bool>("--no-build") { Description = "Use StyleGallery.Web's Release build as it is" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("live", "The /live page in Chromium with a fake camera: painted frames/s with the full and the lite network, camera following on")
        {
            sizes, runs, seconds, warmup, style, lite, stageFrames, noBuild, markdown,
        };
        command.SetAction((parsed, ct) => LiveBenchmark.RunAsync(defaults with
        {
            Sizes = parsed.GetValue(sizes) is { } s ? s.Split(',').Select(FrameSize.Parse).ToList() : defaults.Sizes,
            Runs = parsed.GetValue(runs),
            Duration = TimeSpan.FromSeconds(parsed.GetValue(seconds)),
            Warmup = TimeSpan.FromSeconds(parsed.GetValue(warmup)),
            Style = parsed.GetValue(style)!,
            Lite = parsed.GetValue(lite),
            StageFrames = parsed.GetValue(stageFrames),
            Build = !parsed.GetValue(noBuild),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private static Command Cluster(TextWriter output)
    {
        var defaults = new ClusterBenchmarkOptions();
        var jobs = new Option<int>("--jobs") { Description = "Small optimisations per throughput run", DefaultValueFactory = _ => defaults.Jobs };
        var iterations = new Option<int>("--iterations") { Description = "Iterations of each", DefaultValueFactory = _ => defaults.Iterations };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("cluster", "A web node and one then two engine workers on PostgreSQL and RabbitMQ: throughput, queue wait, latencies, recovery") { jobs, iterations, markdown };
        command.SetAction((parsed, ct) => ClusterBenchmark.RunAsync(defaults with
        {
            Jobs = parsed.GetValue(jobs),
            Iterations = parsed.GetValue(iterations),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private static Command Load(TextWriter output)
    {
        var defaults = new LoadBenchmarkOptions();
        var clients = new Option<int>("--clients") { Description = "Concurrent clients, each with its own owner cookie", DefaultValueFactory = _ => defaults.Clients };
        var seconds = new Option<int>("--seconds") { Description = "Longest load phase", DefaultValueFactory = _ => (int)defaults.Duration.TotalSeconds };
        var frames = new Option<int>("--frames") { Description = "Most live frames per client", DefaultValueFactory = _ => defaults.FramesPerClient };
        var jobs = new Option<int>("--jobs") { Description = "Small optimisations per client", DefaultValueFactory = _ => defaults.JobsPerClient };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var command = new Command("load", "The web app as a process under N concurrent clients posting live frames and small jobs (build StyleGallery.Web -c Release first)")
        {
            clients, seconds, frames, jobs, markdown,
        };
        command.SetAction((parsed, ct) => LoadBenchmark.RunAsync(defaults with
        {
            Clients = parsed.GetValue(clients),
            Duration = TimeSpan.FromSeconds(parsed.GetValue(seconds)),
            FramesPerClient = parsed.GetValue(frames),
            JobsPerClient = parsed.GetValue(jobs),
            Markdown = parsed.GetValue(markdown),
        }, output));
        return command;
    }

    private static Command Decode(TextWriter output)
    {
        var burst = new Option<int>("--burst") { Description = "Concurrent decodes", DefaultValueFactory = _ => 8 };
        var side = new Option<int>("--side") { Description = "Side of the flat square PNG", DefaultValueFactory = _ => 7000 };
        var maxSide = new Option<int>("--max-side") { Description = "Working size: longest side decoded to", DefaultValueFactory = _ => 512 };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("decode", "Peak RSS of a burst of large flat PNG decodes, decoded whole then resized vs to their working size") { burst, side, maxSide, markdown };
        command.SetAction(parsed => DecodeBenchmark.Run(parsed.GetValue(burst), parsed.GetValue(side), parsed.GetValue(maxSide), parsed.GetValue(markdown), output));
        return command;
    }

    private static Command Steadiness(TextWriter output)
    {
        var defaults = new SteadinessBenchmarkOptions();
        var styles = new Option<string?>("--styles") { Description = "Comma-separated fast styles, e.g. udnie,wave; name=file.safetensors for one trained or distilled here" };
        var frames = new Option<int>("--frames") { Description = "Frames per camera move", DefaultValueFactory = _ => defaults.Frames };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: one per core)", DefaultValueFactory = _ => defaults.Threads };
        var command = new Command("steadiness", "How much painted frames change while a camera moves, following it or not") { styles, frames, markdown, threads };
        command.SetAction(parsed => SteadinessBenchmark.Run(defaults with
        {
            Styles = parsed.GetValue(styles) is { } s ? s.Split(',') : defaults.Styles,
            Frames = parsed.GetValue(frames),
            Markdown = parsed.GetValue(markdown),
            Threads = parsed.GetValue(threads),
        }, output));
        return command;
    }

    private static Command Video(TextWriter output)
    {
        var defaults = new VideoBenchmarkOptions();
        var repeats = new Option<int>("--repeats") { Description = "Timed runs per size (median reported)", DefaultValueFactory = _ => defaults.Repeats };
        var sides = new Option<string?>("--sides") { Description = "Comma-separated longest sides, e.g. 240,480" };
        var frames = new Option<int>("--frames") { Description = "Frames of the synthetic clip", DefaultValueFactory = _ => defaults.Frames };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: one per core)", DefaultValueFactory = _ => defaults.Threads };
        var command = new Command("video", "Frames per second of whole video stylisations (needs ffmpeg)") { repeats, sides, frames, markdown, threads };
        command.SetAction(parsed => VideoBenchmark.Run(defaults with
        {
            Repeats = parsed.GetValue(repeats),
            Sides = parsed.GetValue(sides) is { } s ? s.Split(',').Select(int.Parse).ToList() : defaults.Sides,
            Frames = parsed.GetValue(frames),
            Markdown = parsed.GetValue(markdown),
            Threads = parsed.GetValue(threads),
        }, output));
        return command;
    }

    private static Command Fast(TextWriter output)
    {
        var defaults = new FastBenchmarkOptions();
        var repeats = new Option<int>("--repeats") { Description = "Timed runs per size (median reported)", DefaultValueFactory = _ => defaults.Repeats };
        var sizes = new Option<string?>("--sizes") { Description = "Comma-separated sizes, e.g. 256x256,512x512" };
        var noReference = new Option<bool>("--no-reference") { Description = "Skip the PyTorch reference" };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file to update", DefaultValueFactory = _ => defaults.Markdown };
        var threads = new Option<int>("--threads") { Description = "Torch threads for both sides (0: one per core)", DefaultValueFactory = _ => defaults.Threads };
        var qualitySide = new Option<int>("--quality-side") { Description = "Photo side for the bfloat16-vs-float32 check", DefaultValueFactory = _ => defaults.QualitySide };
        var command = new Command("fast", "Fast style network latency, throughput and memory") { repeats, sizes, noReference, markdown, threads, qualitySide };
        command.SetAction(parsed =>
        {
            var options = defaults with
            {
                Repeats = parsed.GetValue(repeats),
                Sizes = parsed.GetValue(sizes) is { } s ? s.Split(',').Select(FrameSize.Parse).ToList() : defaults.Sizes,
                PyTorchReference = !parsed.GetValue(noReference),
                Markdown = parsed.GetValue(markdown),
                Threads = parsed.GetValue(threads),
                QualitySide = parsed.GetValue(qualitySide),
            };
            return FastBenchmark.Run(options, output);
        });
        return command;
    }
}
