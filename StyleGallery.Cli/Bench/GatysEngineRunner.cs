using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Cli.Bench;

/// <summary>Our side of the benchmark: runs through the engine's job queue, as the CLI and the web app do.</summary>
internal sealed class GatysEngineRunner(StyleGalleryEngine engine)
{
    /// <summary>The finished (or stopped) picture and every evaluation's losses, timed from the job's start.</summary>
    public sealed record Outcome(RgbImage? Picture, GatysTrace Trace, double SecondsToTarget);

    /// <summary>
    /// Runs the optimisation; when <paramref name="styleTarget"/> is set it stops as soon as the style loss of the
    /// last scale level falls below it and reports when that happened (NaN if never).
    /// </summary>
    public async Task<Outcome> RunAsync(RgbImage content, RgbImage style, GatysOptions options, double? styleTarget = null)
    {
        var ticket = await engine.SubmitGatysAsync(content, [new StyleInput(style)], options);
        var points = new SortedDictionary<int, GatysTracePoint>();
        var reachedAt = double.NaN;
        var lastLevelStart = options.Iterations * (options.ScaleLevels - 1);
        await foreach (var e in engine.Jobs.WatchAsync(ticket.Id))
        {
            if (e.Kind != JobEventKind.Progress || e.Job.Progress is not { Metrics: { } m } p) continue;
            points[p.Step] = new GatysTracePoint(p.Step, m["total"], m["content"], m["style"], m["tv"], p.Elapsed.TotalSeconds, PeakMemory.CurrentMegabytes());
            if (styleTarget is { } target && p.Step > lastLevelStart && m["style"] < target && double.IsNaN(reachedAt))
            {
                reachedAt = p.Elapsed.TotalSeconds;
                engine.Jobs.Cancel(ticket.Id);
            }
        }
        var job = await ticket.Completion;
        return new Outcome(job.Result as RgbImage, new GatysTrace(points.Values.ToList()), reachedAt);
    }
}
