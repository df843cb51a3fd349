using System.Globalization;
using System.Text;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Video;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench steadiness</c>: how much the painted scene changes from frame to frame while a camera moves
/// across a still photo, with every frame on the same stride grid and following the camera
/// (<see cref="VideoOptions.FollowCamera"/>), side by side; and what following costs per frame. Not a test.
/// </summary>
public static class SteadinessBenchmark
{
    public static int Run(SteadinessBenchmarkOptions o, TextWriter log)
    {
        if (o.Styles.Select(o.WeightsPath).Append(o.PhotoPath).FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            log.WriteLine($"Not found: {Path.GetFullPath(missing)} (benchmarks read ../shared: run them from the repository root).");
            return 2;
        }
        if (o.Threads > 0) set_num_threads(o.Threads);
        var photo = ImageDecoder.DecodeFile(o.PhotoPath);
        var clips = CameraMove.All.ToDictionary(m => m, m => m.Frames(photo, o.Width, o.Height, o.Frames, room: 8));
        using var fast = FastStylizer.ForNetworks(o.NetworkOf, recentPictures: 0);
        var frameOptions = new VideoOptions().Look with { MaxSide = Math.Max(o.Width, o.Height) };
        log.WriteLine($"Steadiness: {MachineInfo.CpuModel()}, {o.Width}×{o.Height}, {o.Frames} frames a move, {o.Styles.Count} styles.");

        var input = CameraMove.All.Select(m => Steadiness(m, clips[m], o.Margin)).ToList();
        var rows = o.Styles.Select(style =>
        {
            var cells = CameraMove.All.Select(m => (
                Fixed: Steadiness(m, Paint(fast, style, frameOptions, clips[m], follow: false), o.Margin),
                Followed: Steadiness(m, Paint(fast, style, frameOptions, clips[m], follow: true), o.Margin))).ToList();
            log.WriteLine($"  {SteadinessBenchmarkOptions.NameOf(style)}: " + string.Join("; ", cells.Select((c, i) => $"{CameraMove.All[i].Name} {c.Fixed:F2} → {c.Followed:F2}")));
            return (Style: SteadinessBenchmarkOptions.NameOf(style), Cells: cells);
        }).ToList();
        var (trackMs, networkMs) = Cost(fast, o.Styles[0], photo);
        log.WriteLine($"  640×360: following {trackMs:F1} ms a frame, the network {networkMs:F0} ms");

        var section = Render(o, input, rows, trackMs, networkMs);
        MarkdownSections.Publish(o.Markdown, "## Video steadiness", section, log);
        return 0;
    }

    /// <summary>The frames painted as a video paints them: one after the other, with or without following the camera.</summary>
    private static List<RgbImage> Paint(FastStylizer fast, string style, FastStyleOptions options, IReadOnlyList<RgbImage> frames, bool follow)
    {
        var camera = follow ? new CameraStream() : null;
        return frames.Select(f => fast.StylizeFrame(f, style, options, camera)).ToList();
    }

    /// <summary>Mean change of the scene between frames the move's <see cref="CameraMove.Gap"/> apart, in grey levels.</summary>
    private static double Steadiness(CameraMove move, IReadOnlyList<RgbImage> frames, int margin) =>
        Enumerable.Range(0, frames.Count - move.Gap).Average(k =>
        {
            var (dx, dy) = move.Move(k);
            return SceneSteadiness.ShiftedDifference(frames[k], frames[k + move.Gap], dx, dy, margin);
        });

    /// <summary>Milliseconds per 640×360 frame of following the camera and of the network, medians after a warm-up.</summary>
    private static (double TrackMs, double NetworkMs) Cost(FastStylizer fast, string style, RgbImage photo)
    {
        var frames = CameraMove.All[0].Frames(photo, 640, 360, 21, room: 8);
        var camera = new CameraStream();
        camera.Next(frames[0]);
        var track = Timing.Median(frames.Skip(1).Select(f => Timing.Seconds(() => camera.Next(f))));
        var options = new VideoOptions().Look;
        fast.StylizeFrame(frames[0], style, options);
        var network = Timing.Median(frames.Take(5).Select(f => Timing.Seconds(() => fast.StylizeFrame(f, style, options))));
        return (track * 1000, network * 1000);
    }

    private static string Render(SteadinessBenchmarkOptions o, IReadOnlyList<double> input, IReadOnlyList<(string Style, List<(double Fixed, double Followed)> Cells)> rows, double trackMs, double networkMs)
    {
        var md = new StringBuilder();
        md.AppendLine("## Video steadiness");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench steadiness` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"A camera moves across `{o.Photo}` ({o.Frames} frames of {o.Width}×{o.Height}, made by halving windows of the photo at twice the size); each frame is painted as `stylegallery video` paints it (bfloat16, mirrored edges), once with every frame on the same stride grid and once following the camera (`VideoOptions.FollowCamera`, the default). Each cell is the mean absolute change, in grey levels, of the painted scene between frames that the camera move separates by whole pixels (consecutive frames; two apart for the 1.5 px pan), {o.Margin} px from the edges: the warping error with exact motion. 0 would be strokes that move with the scene. The input frames change by {string.Join(", ", input.Select(F2))} (the moves in the order of the columns).");
        md.AppendLine();
        md.AppendLine("| style | " + string.Join(" | ", CameraMove.All.Select(m => $"{m.Name}: fixed | following")) + " |");
        md.AppendLine("|---|" + string.Concat(CameraMove.All.Select(_ => "---:|---:|")));
        foreach (var (style, cells) in rows)
            md.AppendLine($"| {style} | " + Cells(cells) + " |");
        var mean = CameraMove.All.Select((_, i) => (Fixed: rows.Average(r => r.Cells[i].Fixed), Followed: rows.Average(r => r.Cells[i].Followed))).ToList();
        md.AppendLine("| mean | " + Cells(mean) + " |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Following the camera (phase correlation of two 640×360 frames) costs {trackMs:F1} ms a frame, against {networkMs:F0} ms for the network on the same frame (medians of 20 and 5 after a warm-up).");
        return md.ToString();
    }

    private static string Cells(IEnumerable<(double Fixed, double Followed)> cells) =>
        string.Join(" | ", cells.Select(c => $"{F2(c.Fixed)} | **{F2(c.Followed)}**"));

    private static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
