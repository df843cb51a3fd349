using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Hosting;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>
/// <c>stylegallery-bench gatys</c>: our Gatys engine against bench/gatys_reference.py on the same pixels, the same
/// start image and the same settings: losses at checkpoints, seconds per evaluation, peak RSS, time-to-quality.
/// </summary>
public static class GatysBenchmark
{
    public static async Task<int> RunAsync(GatysBenchmarkOptions options, TextWriter log)
    {
        var scratch = Directory.CreateTempSubdirectory("gatys-bench-").FullName;
        try
        {
            using var engine = new StyleGalleryEngine(new EngineSettings
            {
                ModelsDirectory = options.ModelsDirectory, MirrorDirectory = options.MirrorDirectory, AllowDownloads = false, Threads = options.Threads,
            });
            var ours = new GatysEngineRunner(engine);
            var reference = new GatysReferenceRunner(options, scratch);
            var results = await MeasureAsync(options, ours, reference, log);
            GatysBenchmarkReport.Publish(results, options, log);
            return ExitCodes.Ok;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// The preset the app uses by default, with previews off so they cost nothing, and the reference's total variation:
    /// γ = 1 at every size (the app's size-scaled γ of issue 21 is not in the reference).
    /// </summary>
    public static GatysOptions BaseOptions(GatysBenchmarkOptions o) => GatysPresets.Gatys.ApplyTo(new GatysOptions()) with
    {
        TvWeight = 1,
        TvReferencePixels = null,
        Seed = o.Seed,
        Precision = o.Precision,
        PreviewEveryIterations = int.MaxValue,
    };

    private static async Task<GatysBenchmarkResults> MeasureAsync(GatysBenchmarkOptions o, GatysEngineRunner ours, GatysReferenceRunner reference, TextWriter log)
    {
        var losses = new List<GatysLossComparison>();
        foreach (var pair in o.Pairs) losses.Add(await CompareLossesAsync(o, pair, ours, reference, log));
        var speeds = new List<GatysSpeed>();
        foreach (var side in o.TimingSides) speeds.Add(await TimeAsync(o, side, ours, reference, log));
        var quality = await RaceAsync(o, ours, reference, log);
        return new GatysBenchmarkResults(DateTimeOffset.UtcNow, MachineInfo.CpuModel(), reference.TorchVersion, losses, speeds, quality);
    }

    private static async Task<GatysLossComparison> CompareLossesAsync(GatysBenchmarkOptions o, GatysBenchPair pair, GatysEngineRunner ours, GatysReferenceRunner reference, TextWriter log)
    {
        var (content, style) = Photos(o, pair, o.LossSide);
        var start = Noise(content.Width, content.Height, o.Seed);
        var evaluations = o.Checkpoints.Max();
        var options = BaseOptions(o) with { MaxSide = o.LossSide, Iterations = evaluations, Init = GatysInit.Image, InitImage = start };
        log.WriteLine($"losses: {pair.Name} at {content.Width}x{content.Height}, {evaluations} evaluations (ours, then the reference)");
        var mine = await ours.RunAsync(content, style, options);
        var theirs = reference.Optimise(content, style, start, options, evaluations, o.Checkpoints);
        return new GatysLossComparison(pair, content.Width, content.Height, mine.Trace, theirs.Trace, mine.Picture, theirs.Picture);
    }

    private static async Task<GatysSpeed> TimeAsync(GatysBenchmarkOptions o, int side, GatysEngineRunner ours, GatysReferenceRunner reference, TextWriter log)
    {
        var pair = o.Pairs[0];
        var (content, style) = (BenchPhotos.Load(o.ContentPath(pair), side, side), BenchPhotos.Load(o.StylePath(pair), side, side));
        log.WriteLine($"speed: {side}x{side}, {o.WarmupEvals} warm-up + {o.TimedEvals} timed evaluations each side");
        var options = BaseOptions(o) with { MaxSide = side, Iterations = o.WarmupEvals + o.TimedEvals };
        var perSizePeak = PeakMemory.Reset();
        var mine = await ours.RunAsync(content, style, options);
        var ourPeak = perSizePeak ? PeakMemory.PeakMegabytes() : double.NaN;
        var theirs = reference.Time(pair, side, options);
        return new GatysSpeed(side, mine.Trace.MedianSecondsPerEval(o.WarmupEvals), ourPeak, theirs.SecondsPerEval, theirs.PeakRssMb);
    }

    private static async Task<GatysTimeToQuality> RaceAsync(GatysBenchmarkOptions o, GatysEngineRunner ours, GatysReferenceRunner reference, TextWriter log)
    {
        var pair = o.Pairs[0];
        var (content, style) = Photos(o, pair, o.QualitySide);
        var start = Noise(content.Width, content.Height, o.Seed);
        var single = BaseOptions(o) with { MaxSide = o.QualitySide, Init = GatysInit.Image, InitImage = start };
        log.WriteLine($"time-to-quality: {pair.Name} at {content.Width}x{content.Height}; the reference's style loss after {o.QualityEvals} evaluations is the target");
        var target = reference.Optimise(content, style, start, single, o.QualityEvals, [o.QualityEvals]);
        var styleTarget = target.Trace.At(o.QualityEvals)!.Style;
        var giveUp = (int)Math.Ceiling(o.QualityEvals * o.QualityGiveUpFactor);
        log.WriteLine($"  target style loss {styleTarget:G4}; ours single-scale (gives up after {giveUp} evaluations), then {o.MultiscaleLevels}-level multi-scale ({o.MultiscaleIterationsPerLevel} per level)");
        var singleRun = await ours.RunAsync(content, style, single with { Iterations = giveUp }, styleTarget);
        var multiRun = await ours.RunAsync(content, style, single with { Iterations = o.MultiscaleIterationsPerLevel, ScaleLevels = o.MultiscaleLevels }, styleTarget);
        return new GatysTimeToQuality(content.Width, content.Height, styleTarget, target.Trace.At(o.QualityEvals)!.ElapsedSeconds,
            singleRun.SecondsToTarget, multiRun.SecondsToTarget, o.MultiscaleLevels, GatysMemoryTrend.Of(singleRun.Trace, settle: 50));
    }

    /// <summary>Content and style resized once by our resizer; both sides then optimise exactly these pixels.</summary>
    private static (RgbImage Content, RgbImage Style) Photos(GatysBenchmarkOptions o, GatysBenchPair pair, int side) =>
        (BenchPhotos.LoadFitted(o.ContentPath(pair), side), BenchPhotos.LoadFitted(o.StylePath(pair), side));

    /// <summary>Uniform 0..255 noise from a seeded generator: the paper's start, identical for both sides.</summary>
    public static RgbImage Noise(int width, int height, long seed)
    {
        var pixels = new byte[width * height * 3];
        new Random((int)seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
