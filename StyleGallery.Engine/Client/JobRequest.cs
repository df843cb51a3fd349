using System.Text.Json.Serialization;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Fast.Tiling;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Training;
using StyleGallery.Engine.Training.Distillation;
using StyleGallery.Engine.Video;

namespace StyleGallery.Engine.Client;

/// <summary>
/// A job a person asked for, as it is stored and (later) sent to engine workers: plain data, pictures encoded.
/// <see cref="JobId"/> lets the host name the job (a video's file is named by it); null lets the engine choose.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "request")]
[JsonDerivedType(typeof(OptimiseRequest), "optimise")]
[JsonDerivedType(typeof(TrainRequest), "train")]
[JsonDerivedType(typeof(VideoRequest), "video")]
[JsonDerivedType(typeof(DistillRequest), "distill")]
[JsonDerivedType(typeof(PrintRequest), "print")]
public abstract record JobRequest
{
    /// <summary>The job's id: 22 characters of base64url (128 random bits); null for a new one.</summary>
    public string? JobId { get; init; }

    /// <summary>What kind of job this request makes.</summary>
    [JsonIgnore]
    public abstract JobKind Kind { get; }
}

/// <summary>A Gatys optimisation of <paramref name="Photo"/> (an encoded picture) with a blend of paintings.</summary>
/// <param name="MaxUploadBytes">A larger photo is refused before it is decoded.</param>
public sealed record OptimiseRequest(byte[] Photo, IReadOnlyList<StyleImage> Styles, GatysOptions Options, long MaxUploadBytes = ImageLimits.DefaultMaxBytes)
    : JobRequest
{
    public override JobKind Kind => JobKind.Optimise;
}

/// <summary>One painting of a blend, encoded, and its share (weights are normalised to sum to 1).</summary>
public sealed record StyleImage(byte[] Image, double Weight = 1.0);

/// <summary>A training run whose network becomes the trained style <paramref name="StyleId"/>.</summary>
public sealed record TrainRequest(string StyleId, string Title, TrainingRequest Training) : JobRequest
{
    public override JobKind Kind => JobKind.Train;
}

/// <summary>
/// A video file painted with a fast style into <paramref name="Output"/> (.mp4, .webm or .mkv). The input stays where
/// it is until the job has ended; the host that put it there removes it.
/// </summary>
public sealed record VideoRequest(string Input, string Output, string StyleId, VideoOptions Options) : JobRequest
{
    public override JobKind Kind => JobKind.Video;
}

/// <summary>
/// A lite network distilled from the fast style <paramref name="TeacherId"/> on the photos of <paramref name="DataFolder"/>,
/// registered when it is done as the trained style <paramref name="StyleId"/>, titled "⟨teacher's title⟩ (lite)": the
/// teacher's live version (<see cref="Fast.FastStyleInfo.LiteVersionId"/>).
/// </summary>
public sealed record DistillRequest(string TeacherId, string StyleId, string DataFolder, DistillationOptions Options) : JobRequest
{
    private const string Suffix = "-lite";

    public override JobKind Kind => JobKind.Distill;

    /// <summary>The id a teacher's live version gets: "udnie" → "udnie-lite" (shortened so it stays a style id).</summary>
    public static string LiteIdOf(string teacherId) =>
        (teacherId.Length > 64 - Suffix.Length ? teacherId[..(64 - Suffix.Length)].TrimEnd('-', '_') : teacherId) + Suffix;
}

/// <summary>
/// A photo (encoded) painted with a fast style at print size: its longer side <paramref name="LongSide"/> pixels (never
/// more than the photo's own: a photo is not enlarged), written to <paramref name="Output"/> (.png, .jpg or .webp). A
/// durable long job, not a one-click picture: at thousands of pixels a side it takes tens of seconds or minutes, painted
/// in tiles (docs/poster.md) between which the engine runs others' one-click pictures. <paramref name="Options"/> is the
/// look (colours, strength, precision, tiles); its <see cref="FastStyleOptions.MaxSide"/> is replaced by
/// <paramref name="LongSide"/>. The job's own result is the picture at screen size (<see cref="PrintRequest.ScreenSide"/>);
/// the full-size file is <paramref name="Output"/>, which the host that chose it serves and removes.
/// </summary>
/// <param name="MaxUploadBytes">A larger photo is refused before it is decoded.</param>
public sealed record PrintRequest(byte[] Photo, string StyleId, FastStyleOptions Options, int LongSide, string Output, long MaxUploadBytes = ImageLimits.DefaultMaxBytes)
    : JobRequest
{
    /// <summary>The longer side of the picture the job hands back for the screen; the print itself is the file.</summary>
    public const int ScreenSide = 1024;

    /// <summary>The default <see cref="MaxCore"/>: a 1024² tile is a second or two of the network on a CPU.</summary>
    public const int DefaultMaxCore = 1024;

    /// <summary>
    /// The largest piece a print is painted in at once, unless its look forces a tile (<see cref="FastStyleOptions.Tile"/>):
    /// a print of up to <see cref="MaxCore"/>² pixels is painted whole, a larger one in tiles whose core is at most this
    /// side (smaller when memory asks for it), even when it would fit in memory whole. The engine runs waiting one-click
    /// pictures only between two of a long job's progress reports, so this bounds their wait (docs/poster.md).
    /// </summary>
    public int MaxCore { get; init; } = DefaultMaxCore;

    public override JobKind Kind => JobKind.Print;

    /// <summary>The options the print is painted with: the look asked for, at <see cref="LongSide"/>.</summary>
    [JsonIgnore]
    public FastStyleOptions PaintOptions => Options with { MaxSide = LongSide };

    /// <summary>
    /// The photo's limits: a poster's pixels (<see cref="ImageLimits.Poster"/>, the tiled path's 100 megapixels), checked
    /// against the header before any pixel is decoded, and the host's upload size.
    /// </summary>
    [JsonIgnore]
    public ImageLimits PhotoLimits => ImageLimits.Poster with { MaxBytes = Math.Min(MaxUploadBytes, ImageLimits.Poster.MaxBytes) };

    /// <summary>Everything about the request that cannot paint, each as a sentence; empty when all can. The photo is checked apart.</summary>
    public IReadOnlyList<string> Problems()
    {
        // The print size is the options' size, so their one range check (up to FastStyleOptions.MaxSideLimit) is its check.
        var problems = PaintOptions.Problems().ToList();
        if (MaxCore < TilePlan.MinCore || MaxCore > FastStyleOptions.MaxSideLimit)
            problems.Add($"The print's largest tile must be between {TilePlan.MinCore} and {FastStyleOptions.MaxSideLimit} pixels (got {MaxCore}).");
        if (!EncodedFormats.TryFromExtension(Output, out _))
            problems.Add($"'{Path.GetFileName(Output)}': the print must be written as .png, .jpg or .webp.");
        return problems;
    }
}
