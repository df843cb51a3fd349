using System.Diagnostics;
using System.Globalization;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Video;

namespace StyleGallery.Tests.Video;

/// <summary>Small synthetic videos made with ffmpeg's test source, and ffmpeg's own reading of a video's frames as PNGs.</summary>
internal static class TestVideos
{
    public static FfmpegTools Tools => FfmpegTools.Locate();

    /// <summary>ffmpeg's moving test pattern, losslessly (FFV1 RGB), optionally with a 440 Hz tone.</summary>
    public static string Pattern(string folder, int width, int height, int frames, int rate = 10, bool withTone = false, string name = "pattern.mkv")
    {
        var path = Path.Combine(folder, name);
        List<string> args = ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={rate}"];
        if (withTone) args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-shortest"]);
        args.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "ffv1", "-pix_fmt", "bgr0"]);
        if (withTone) args.AddRange(["-c:a", "flac"]);
        args.Add(path);
        Run(args);
        return path;
    }

    /// <summary>A still picture (colour bars) with fresh noise in every frame, as a camera on a tripod records it.</summary>
    public static string NoisyStill(string folder, int width, int height, int frames)
    {
        var path = Path.Combine(folder, "still.mkv");
        Run(["-v", "error", "-y", "-f", "lavfi", "-i", $"smptebars=size={width}x{height}:rate=10", "-vf", "noise=alls=3:allf=t",
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "ffv1", "-pix_fmt", "bgr0", path]);
        return path;
    }

    /// <summary>
    /// A camera panning across a photo: a <paramref name="width"/>×<paramref name="height"/> window of the photo (its
    /// width scaled to 320) that moves <paramref name="step"/> whole pixels right every frame, losslessly.
    /// </summary>
    public static string Pan(string folder, string photo, int width, int height, int frames, int step)
    {
        var path = Path.Combine(folder, "pan.mkv");
        Run(["-v", "error", "-y", "-loop", "1", "-framerate", "10", "-i", photo, "-vf", $"scale=320:-2,crop={width}:{height}:40+{step}*n:40",
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "ffv1", "-pix_fmt", "bgr0", path]);
        return path;
    }

    /// <summary>The same pattern's frames as ffmpeg draws them, straight to PNG (no video codec in between).</summary>
    public static IReadOnlyList<RgbImage> PatternFrames(string folder, int width, int height, int frames, int rate = 10) =>
        Frames(folder, ["-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={rate}", "-frames:v", frames.ToString(CultureInfo.InvariantCulture)], "expected");

    /// <summary>Every frame of a video file, decoded by ffmpeg into PNGs and read back with our decoder.</summary>
    public static IReadOnlyList<RgbImage> FramesOf(string video, string folder) => Frames(folder, ["-i", video], "actual");

    /// <summary>A copy of <paramref name="source"/> (streams untouched) carrying the given ffmpeg <c>-metadata…</c> options.</summary>
    public static string WithMetadata(string source, string output, params string[] metadata)
    {
        Run(["-v", "error", "-y", "-i", source, "-map", "0", "-c", "copy", .. metadata, output]);
        return output;
    }

    /// <summary>A copy of <paramref name="source"/> in the container (and ffmpeg's default codecs) its extension names.</summary>
    public static string Converted(string source, string output)
    {
        Run(["-v", "error", "-y", "-i", source, output]);
        return output;
    }

    /// <summary>Every tag of the file and of its streams, as ffprobe prints them ("TAG:language=swe" …).</summary>
    public static string Tags(string path) =>
        Output(Tools.Ffprobe, ["-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "default=nw=1", path]);

    /// <summary>Stream types of a file ("video", "audio"), in order.</summary>
    public static IReadOnlyList<string> StreamTypes(string path) =>
        Output(Tools.Ffprobe, ["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", path])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<RgbImage> Frames(string folder, List<string> input, string prefix)
    {
        var frameFolder = Directory.CreateDirectory(Path.Combine(folder, prefix + "-" + Guid.NewGuid().ToString("N"))).FullName;
        Run(["-v", "error", "-y", .. input, "-pix_fmt", "rgb24", Path.Combine(frameFolder, "%04d.png")]);
        return Directory.GetFiles(frameFolder, "*.png").Order(StringComparer.Ordinal).Select(f => ImageDecoder.DecodeFile(f)).ToList();
    }

    private static void Run(List<string> args)
    {
        var output = Output(Tools.Ffmpeg, args, out var exit);
        if (exit != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {output}");
    }

    private static string Output(string tool, List<string> args) => Output(tool, args, out _);

    private static string Output(string tool, List<string> args, out int exit)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        exit = process.ExitCode;
        return text + errors.Result;
    }
}
