using System.CommandLine;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Runtime;
using StyleGallery.Engine.Video;

namespace StyleGallery.Cli.Commands;

/// <summary><c>stylegallery video --style wave --in clip.mp4 --out painted.mp4</c>: every frame through a fast style network.</summary>
public static class VideoCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new VideoOptions();
        var style = FastStyleArgument.Create();
        var input = new Option<string>("--in") { Description = "A video file ffmpeg can read", Required = true };
        var output = new Option<string>("--out") { Description = "Output file: .mp4 (H.264 + AAC), .webm (VP9 + Opus) or .mkv (lossless FFV1 + FLAC)", Required = true };
        var size = new Option<int>("--size") { Description = "Longest side of the frames", DefaultValueFactory = _ => defaults.MaxSide };
        var preserve = new Option<bool>("--preserve-colors") { Description = "Keep the video's colours (luminance-only transfer)" };
        var strength = new Option<double>("--strength") { Description = "How strongly to paint: 1 the style at full strength, 0 the video as it is", DefaultValueFactory = _ => defaults.Strength };
        var precision = new Option<ComputePrecision>("--precision") { Description = "Compute precision", DefaultValueFactory = _ => defaults.Precision };
        var mute = new Option<bool>("--no-audio") { Description = "Leave the sound out" };
        var raw = new Option<bool>("--no-denoise") { Description = "Paint the frames as they are (denoising first halves the flicker)" };
        var fixedGrid = new Option<bool>("--no-follow-camera") { Description = "Paint every frame on the same grid (following the camera keeps the strokes on a panning scene)" };
        var engineOptions = new EngineCliOptions();
        var command = new Command("video", "Stylise a video frame by frame with a fast style network (needs ffmpeg)")
        {
            style, input, output, size, preserve, strength, precision, mute, raw, fixedGrid,
        };
        engineOptions.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var options = defaults with
            {
                MaxSide = parsed.GetValue(size),
                PreserveColors = parsed.GetValue(preserve),
                Strength = parsed.GetValue(strength),
                Precision = parsed.GetValue(precision),
                KeepAudio = !parsed.GetValue(mute),
                Denoise = !parsed.GetValue(raw),
                FollowCamera = !parsed.GetValue(fixedGrid),
            };
            return await RunAsync(console, engineOptions.Settings(parsed), parsed.GetValue(style)!, parsed.GetValue(input)!, parsed.GetValue(output)!, options, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, EngineSettings settings, string style, string input, string output, VideoOptions options, CancellationToken ct)
    {
        if (!File.Exists(input)) return console.Fail(ExitCodes.BadImage, $"'{input}' does not exist.");
        using var engine = new StyleGalleryEngine(settings);
        if (FastStyleArgument.WhyNot(engine, style) is { } notAStyle) return console.Fail(ExitCodes.MissingModel, notAStyle);
        JobTicket ticket;
        try
        {
            ticket = await engine.SubmitVideoAsync(Path.GetFullPath(input), Path.GetFullPath(output), style, options, ct);
        }
        catch (VideoException e)
        {
            return console.Fail(ExitCodes.Usage, e.Message);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, $"the style '{style}' is not installed and could not be installed: {e.Message}");
        }
        return await WatchAsync(console, engine, ticket, output, ct);
    }

    private static async Task<int> WatchAsync(CliConsole console, StyleGalleryEngine engine, JobTicket ticket, string output, CancellationToken ct)
    {
        ProgressBar? bar = null;
        await using var cancel = ct.Register(() => engine.Jobs.Cancel(ticket.Id));
        await foreach (var e in engine.Jobs.WatchAsync(ticket.Id, CancellationToken.None))
        {
            if (e.Kind != JobEventKind.Progress || e.Job.Progress is not { } p) continue;
            bar ??= console.Progress("painting", p.TotalSteps);
            bar.Update(p.Step, p.Metrics is { } m && m.TryGetValue("fps", out var fps) ? $"{fps:0.0} frames/s" : null);
        }
        bar?.Finish();
        var job = await ticket.Completion;
        switch (job.Status)
        {
            case JobStatus.Succeeded when job.Result is VideoResult r:
                console.Out.WriteLine($"wrote {output} ({r.Width}×{r.Height}, {r.Frames} frames{(r.HasAudio ? ", with sound" : "")}) in {r.Elapsed.TotalSeconds:0.0} s");
                return ExitCodes.Ok;
            case JobStatus.Cancelled:
                return ExitCodes.Cancelled;
            default:
                return console.Fail(ExitCodes.BadImage, job.Error ?? "the video could not be painted.");
        }
    }
}
