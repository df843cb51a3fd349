using System.Diagnostics;
using System.Text.Json;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Imaging;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>What one <c>poster-run</c> measured; printed as one JSON line for the parent benchmark (or a test).</summary>
/// <param name="SampleTiles">How many tiles the statistics ran in lock-step (<see cref="SampleChoice.LockStep"/>; 0: none).</param>
public sealed record PosterRunResult(int Width, int Height, int Core, int Tiles, double Seconds, double EncodeSeconds, double PeakMb, int SampleTiles = 0);

/// <summary>
/// <c>stylegallery-bench poster-run</c>: one fast painting of a photo file at its stored size, alone in its process so
/// that its peak resident memory (VmHWM, <see cref="PeakMemory"/>) is its own: decode, paint (tiled or whole) and,
/// when asked, encode. The parent <see cref="PosterBenchmark"/> and the memory test start it.
/// </summary>
public static class PosterRun
{
    public sealed record Request(string Style, string Input, FastStyleOptions Options, string SharedRoot, string? Raw, string? Output, int Threads);

    public static int Run(Request request, TextWriter output)
    {
        if (request.Threads > 0) set_num_threads(request.Threads);
        var photo = ImageDecoder.DecodeToFit(File.ReadAllBytes(request.Input), request.Options.MaxSide, ImageLimits.Poster);
        var core = TileSizing.CoreFor(photo.Width, photo.Height, request.Options);
        var tiles = core == 0 ? 1 : TilePlan.ForPicture(photo.Width, photo.Height, request.Options.EdgePadding, core).Plan.Tiles.Count;
        var sample = core > 0 ? SampleChoice.LockStep(photo.Width, photo.Height, request.Options).Count : 0;
        using var stylizer = new FastStylizer(style => Path.Combine(request.SharedRoot, "models", "fast", style + ".safetensors"), recentPictures: 0);
        var clock = Stopwatch.StartNew();
        var painted = stylizer.Stylize(photo, request.Style, request.Options);
        var seconds = clock.Elapsed.TotalSeconds;
        photo = null;
        GC.Collect();
        clock.Restart();
        if (request.Output is { } path)
        {
            using var file = File.Create(path);
            ImageEncoder.EncodeTo(painted, file, EncodedFormats.FromExtension(path));
        }
        var encode = clock.Elapsed.TotalSeconds;
        if (request.Raw is { } raw) File.WriteAllBytes(raw, painted.Pixels);
        var result = new PosterRunResult(painted.Width, painted.Height, core, tiles, seconds, encode, PeakMemory.PeakMegabytes(), sample);
        output.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
