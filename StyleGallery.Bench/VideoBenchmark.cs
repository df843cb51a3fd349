using System.Diagnostics;
using System.Globalization;
using System.Text;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Video;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench video</c>: frames per second of a whole video stylisation (ffmpeg decoding, the network,
/// ffmpeg encoding with the sound) next to the network alone on one frame of the same size, so the table shows what
/// the pipes cost. The clip is made by ffmpeg (testsrc2), so no third-party footage is needed. Not a test.
/// </summary>
public static class VideoBenchmark
{
    public static int Run(VideoBenchmarkOptions o, TextWriter log)
    {
        if (!File.Exists(o.WeightsPath))
        {
            log.WriteLine($"Weights not found: {Path.GetFullPath(o.WeightsPath)} (benchmarks read ../shared: run them from the repository root).");
            return 2;
        }
        if (o.Threads > 0) set_num_threads(o.Threads);
        var tools = FfmpegTools.Locate();
        var folder = Directory.CreateTempSubdirectory("sg-bench-video-").FullName;
        try
        {
            var clip = MakeClip(tools, folder, o);
            using var fast = new FastStylizer(_ => o.WeightsPath);
            var video = new VideoStylizer(fast, tools);
            log.WriteLine($"Video benchmark: {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), {get_num_threads()} threads, {o.Frames} frames, repeats {o.Repeats}.");
            var rows = o.Sides.Select(side => Measure(video, fast, clip, folder, side, o, log)).ToList();
            var section = Render(rows, o);
            MarkdownSections.Publish(o.Markdown, "## Video", section, log);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Row(int Width, int Height, double WholeSeconds, double FixedGridSeconds, double NetworkMs, double PeakRssMb, int Frames);

    private static Row Measure(VideoStylizer video, FastStylizer fast, string clip, string folder, int side, VideoBenchmarkOptions o, TextWriter log)
    {
        var options = new VideoOptions { Look = new() { MaxSide = side } };
        var output = Path.Combine(folder, $"painted-{side}.mp4");
        PeakMemory.Reset();
        var warm = video.Stylize(clip, output, o.Style, options);
        var fixedGrid = options with { FollowCamera = false };
        // Alternated, so a noisy neighbour slows both alike.
        var runs = Enumerable.Range(0, o.Repeats).Select(_ => (
            Following: Timing.Seconds(() => video.Stylize(clip, output, o.Style, options)),
            Fixed: Timing.Seconds(() => video.Stylize(clip, output, o.Style, fixedGrid)))).ToList();
        var (whole, wholeFixed) = (Timing.Median(runs.Select(r => r.Following)), Timing.Median(runs.Select(r => r.Fixed)));
        var frame = ImageResizer.Resize(RgbImage.Filled(16, 9, 90, 120, 200), warm.Width, warm.Height);
        fast.StylizeFrame(frame, o.Style, options.Look);
        var network = Timing.Median(Enumerable.Range(0, 10).Select(_ => Timing.Seconds(() => fast.StylizeFrame(frame, o.Style, options.Look)))) * 1000;
        var row = new Row(warm.Width, warm.Height, whole, wholeFixed, network, PeakMemory.PeakMegabytes(), warm.Frames);
        log.WriteLine($"  {row.Width}x{row.Height}: {row.Frames / whole:F2} frames/s whole ({row.Frames / wholeFixed:F2} on a fixed grid), network alone {network:F0} ms/frame, peak {row.PeakRssMb:F0} MB");
        return row;
    }

    private static string Render(IReadOnlyList<Row> rows, VideoBenchmarkOptions o)
    {
        var md = new StringBuilder();
        md.AppendLine("## Video");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench video` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), {get_num_threads()} torch threads, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Clip: ffmpeg's testsrc2, 1280×720, {o.FrameRate} frames/s, {o.Frames} frames, with a tone, H.264 + AAC. Style `{o.Style}`, bfloat16 and denoising (the defaults), output .mp4 (H.264 CRF 18 + AAC). Whole = `VideoStylizer.Stylize` end to end (probe, decode, scale, following the camera, network, encode, sound), median of {o.Repeats} runs after one warm-up; fixed grid = the same without following the camera (`FollowCamera = false`), its runs alternated with those. Network alone = `FastStylizer.StylizeFrame` (what video runs per frame) on one frame of that size, median of 10 after one warm-up; the network's comparison with PyTorch is in the fast-style table above. Peak RSS = VmHWM of the whole size's runs.");
        md.AppendLine();
        md.AppendLine("| frame | whole s | frames/s | × real time | fixed grid s | network alone ms/frame | network share | peak RSS MB |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var fps = r.Frames / r.WholeSeconds;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Width}×{r.Height} | {r.WholeSeconds:F2} | {fps:F2} | {fps / o.FrameRate:F2} | {r.FixedGridSeconds:F2} | {r.NetworkMs:F0} | {r.NetworkMs * r.Frames / 1000 / r.WholeSeconds:P0} | {r.PeakRssMb:F0} |");
        }
        return md.ToString();
    }

    private static string MakeClip(FfmpegTools tools, string folder, VideoBenchmarkOptions o)
    {
        var clip = Path.Combine(folder, "clip.mp4");
        var start = new ProcessStartInfo(tools.Ffmpeg) { RedirectStandardError = true };
        foreach (var a in new[]
                 {
                     "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate={o.FrameRate}", "-f", "lavfi", "-i", "sine=frequency=440",
                     "-frames:v", o.Frames.ToString(CultureInfo.InvariantCulture), "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", clip,
                 })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make the test clip: {errors}");
        return clip;
    }
}
