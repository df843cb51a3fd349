using StyleGallery.Engine.Client;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>
/// Our side of the benchmark: runs through the engine's contract, as the CLI and the web app do. The pictures travel
/// as PNG, which is lossless, so the engine optimises exactly the pixels the reference gets.
/// </summary>
internal sealed class GatysEngineRunner(IStyleEngineClient engine)
{
    /// <summary>The engine's own pictures are as large as it was asked for; no upload limit applies to them.</summary>
    private static readonly ImageLimits EnginePicture = new(long.MaxValue, long.MaxValue, int.MaxValue);

    /// <summary>The finished (or stopped) picture and every evaluation's losses, timed from the job's start.</summary>
    public sealed record Outcome(RgbImage? Picture, GatysTrace Trace, double SecondsToTarget);

    /// <summary>
    /// Runs the optimisation; when <paramref name="styleTarget"/> is set it stops as soon as the style loss of the
    /// last scale level falls below it and reports when that happened (NaN if never).
    /// </summary>
    public async Task<Outcome> RunAsync(RgbImage content, RgbImage style, GatysOptions options, double? styleTarget = null)
    {
        var id = await engine.SubmitAsync(new OptimiseRequest(Png(content), [new StyleImage(Png(style))], options));
        var points = new SortedDictionary<int, GatysTracePoint>();
        var reachedAt = double.NaN;
        var lastLevelStart = options.Iterations * (options.ScaleLevels - 1);
        await foreach (var state in engine.WatchAsync(id))
        {
            // A state repeats its iteration's losses for a preview or the finish; the first sighting has the memory of the moment.
            if (state.Progress is not { Losses: { } l } p || points.ContainsKey(p.Step)) continue;
            points[p.Step] = new GatysTracePoint(p.Step, l.Total, l.Content, l.Style, l.TotalVariation, p.Elapsed.TotalSeconds, PeakMemory.CurrentMegabytes());
            if (styleTarget is { } target && p.Step > lastLevelStart && l.Style < target && double.IsNaN(reachedAt))
            {
                reachedAt = p.Elapsed.TotalSeconds;
                await engine.CancelAsync(id);
            }
        }
        var picture = await engine.ResultAsync(id);
        return new Outcome(picture is null ? null : ImageDecoder.Decode(picture, EnginePicture), new GatysTrace(points.Values.ToList()), reachedAt);
    }

    private static byte[] Png(RgbImage image) => ImageEncoder.Encode(image, EncodedFormat.Png);
}
