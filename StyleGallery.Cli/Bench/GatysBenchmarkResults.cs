using StyleGallery.Engine.Imaging;

namespace StyleGallery.Cli.Bench;

/// <summary>Ours and the reference optimising the same pixels from the same start.</summary>
public sealed record GatysLossComparison(GatysBenchPair Pair, int Width, int Height, GatysTrace Ours, GatysTrace Reference, RgbImage? OurPicture, RgbImage? ReferencePicture);

/// <summary>Seconds per evaluation and peak RSS at one square side.</summary>
public sealed record GatysSpeed(int Side, double OurSecondsPerEval, double OurPeakRssMb, double ReferenceSecondsPerEval, double ReferencePeakRssMb);

/// <summary>Wall time until the style loss first falls below the reference's after N single-scale evaluations.</summary>
public sealed record GatysTimeToQuality(int Width, int Height, double StyleTarget, double ReferenceSeconds, double SingleScaleSeconds, double MultiscaleSeconds, int MultiscaleLevels);

public sealed record GatysBenchmarkResults(
    DateTimeOffset When,
    string Cpu,
    string TorchVersion,
    IReadOnlyList<GatysLossComparison> Losses,
    IReadOnlyList<GatysSpeed> Speeds,
    GatysTimeToQuality? Quality);
