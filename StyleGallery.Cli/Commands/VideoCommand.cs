using System.CommandLine;
using StyleGallery.Engine.Client;
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
        var size = new Option<int>("--size") { Description = "Longest side of the frames", DefaultValueFactory = _ => defaults.Look.MaxSide };
        var preserve = new Option<bool>("--preserve-colors") { Description = "Keep the video's colours (luminance-only transfer)" };
        var strength = new Option<double>("--strength") { Description = "How strongly to paint: 1 the style at full strength, 0 the video as it is", DefaultValueFactory = _ => defaults.Look.Strength };
        var precision = new Option<ComputePrecision>("--precision") { Description = "Compute precision", DefaultValueFactory = _ => defaults.Look.Precision };
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
                Look = defaults.Look with
                {
                    MaxSide = parsed.GetValue(size),
                    PreserveColors = parsed.GetValue(preserve),
                    Strength = parsed.GetValue(strength),
                    Precision = parsed.GetValue(precision),
                },
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
        using var inProcess = new StyleGalleryEngine(settings);
        IStyleEngineClient engine = inProcess;
        if (FastStyleArgument.WhyNot(engine, style) is { } notAStyle) return console.Fail(ExitCodes.MissingModel, notAStyle);
        string id;
        try
        {
            id = await engine.SubmitAsync(new VideoRequest(Path.GetFullPath(input), Path.GetFullPath(output), style, options), ct);
        }
        catch (EngineRequestException e)
        {
            return EngineRefusals.Fail(console, e);
        }
        catch (ModelInstallException e)
        {
            return console.Fail(ExitCodes.MissingModel, $"the style '{style}' is not installed and could not be installed: {e.Message}");
        }
        return await FollowAsync(console, engine, id, output, ct);
    }

    private static async Task<int> FollowAsync(CliConsole console, IStyleEngineClient engine, string id, string output, CancellationToken ct)
    {
        ProgressBar? bar = null;
        JobState? last = null;
        await foreach (var state in engine.FollowAsync(id, ct))
        {
            last = state;
            if (state.Progress is not { } p) continue;
            bar ??= console.Progress("painting", p.TotalSteps);
            bar.Update(p.Step, p.Rate is { } fps ? $"{fps:0.0} frames/s" : null);
        }
        bar?.Finish();
        switch (last?.Status)
        {
            case JobStatus.Succeeded:
                console.Out.WriteLine(Written(engine, output, last));
                return ExitCodes.Ok;
            case JobStatus.Cancelled:
                return ExitCodes.Cancelled;
            default:
                return console.Fail(ExitCodes.BadImage, last?.Error ?? "the video could not be painted.");
        }
    }

    /// <summary>
    /// "wrote out.mp4 (640×360, 120 frames, with sound) in 12.3 s": the file as ffprobe sees it, the frames the job
    /// reported painting, the time it ran.
    /// </summary>
    private static string Written(IStyleEngineClient engine, string output, JobState finished)
    {
        var video = engine.ProbeVideo(Path.GetFullPath(output));
        var frames = finished.Progress?.Step ?? 0;
        var took = finished is { StartedAt: { } started, FinishedAt: { } ended } ? $" in {(ended - started).TotalSeconds:0.0} s" : "";
        return $"wrote {output} ({video.Width}×{video.Height}, {frames} frames{(video.HasAudio ? ", with sound" : "")}){took}";
    }
}
