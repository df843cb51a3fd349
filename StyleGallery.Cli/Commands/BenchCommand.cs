using System.CommandLine;
using StyleGallery.Cli.Bench;

namespace StyleGallery.Cli.Commands;

/// <summary><c>stylegallery bench fast|gatys|train|trained|video|steadiness</c>: measured, not asserted; results go to docs/benchmarks.md.</summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Benchmarks against the PyTorch reference; writes docs/benchmarks.md");
        command.Add(Fast(console));
        command.Add(GatysBenchCommand.Create(console));
        command.Add(TrainCommand.Benchmark(console));
        command.Add(TrainedQualityCommand.Create(console));
        command.Add(Video(console));
        command.Add(Steadiness(console));
        return command;
    }

    private static Command Steadiness(CliConsole console)
    {
        var defaults = new SteadinessBenchmarkOptions();
        var styles = new Option<string?>("--styles") { Description = "Comma-separated fast styles, e.g. udnie,wave" };
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
        }, console.Out));
        return command;
    }

    private static Command Video(CliConsole console)
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
        }, console.Out));
        return command;
    }

    private static Command Fast(CliConsole console)
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
            return FastBenchmark.Run(options, console.Out);
        });
        return command;
    }
}
