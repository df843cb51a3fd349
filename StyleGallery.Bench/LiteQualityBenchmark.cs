using System.Globalization;
using System.Text;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Models;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Hosting;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>A lite network and the catalogue style it was distilled from.</summary>
internal sealed record LitePair(string TeacherId, string StudentPath)
{
    /// <summary>Parses <c>teacher=student.safetensors</c>.</summary>
    public static LitePair Parse(string text) =>
        text.Split('=', 2) is [var id, var path] && id.Length > 0 && path.Length > 0
            ? new LitePair(id, path)
            : throw new ArgumentException($"'{text}' is not teacher=student.safetensors.");
}

/// <summary>Settings of <c>stylegallery-bench lite-quality</c>; the defaults are issue 22's quality check.</summary>
internal sealed record LiteQualityOptions
{
    public IReadOnlyList<LitePair> Pairs { get; init; } = [];

    /// <summary>Every content photo in ../shared (none is in the training set the students learn on).</summary>
    public IReadOnlyList<string> Photos { get; init; } =
        ["amber.jpg", "chelsea_cat.png", "chicago.jpg", "dog_samoyed.jpg", "golden_gate.jpg", "motorcycle_left.png", "stata.jpg", "tubingen.jpg"];

    public IReadOnlyList<int> Sides { get; init; } = [320, 512];

    /// <summary>The photo whose two pictures are saved side by side for each style (at the largest side).</summary>
    public string PicturedPhoto { get; init; } = "tubingen.jpg";

    public string PicturesDirectory { get; init; } = "docs/lite";

    public string Markdown { get; init; } = "docs/benchmarks.md";
}

/// <summary>
/// Issue 22's quality check: each lite network against its teacher on photos it never saw, as the fast path paints them
/// (bfloat16): mean absolute error and SSIM (<see cref="Ssim"/>) of the lite picture to the full one, and each picture's
/// style distance to the painting and content distance to the photo (<see cref="StyleDistanceMeter"/>, Gatys's VGG19
/// layers). Targets: SSIM ≥ 0.85 on every photo; style and content distance within 15 % of the full network's.
/// </summary>
internal static class LiteQualityBenchmark
{
    private const string Heading = "## Lite networks: quality against the full network";
    private const double SsimTarget = 0.85;
    private const double DistanceTolerance = 0.15;

    internal sealed record Row(string Photo, int Side, double Mae, double Ssim, StyleDistances Full, StyleDistances Lite)
    {
        public double StyleChange => Lite.Style / Full.Style - 1;
        public double ContentChange => Lite.Content / Full.Content - 1;
    }

    public static int Run(LiteQualityOptions options, TextWriter output)
    {
        using var meter = Meter();
        var report = new StringBuilder(Header(options));
        var details = new StringBuilder();
        foreach (var pair in options.Pairs)
        {
            var rows = Measure(pair, options, meter, output);
            report.Append(Summary(pair, rows, options));
            details.Append(Details(pair, rows));
        }
        report.Append(Pictures(options)).Append(details);
        MarkdownSections.Replace(options.Markdown, Heading, report.ToString());
        output.WriteLine($"Wrote {options.Markdown} and pictures under {options.PicturesDirectory}.");
        return ExitCodes.Ok;
    }

    /// <summary>The style and content meter of every measurement here: Gatys's VGG19 layers.</summary>
    internal static StyleDistanceMeter Meter()
    {
        var vgg = VggWeightFile.Open(Path.Combine(Mirror(), "vgg", "vgg19-imagenet.safetensors"), VggArchitecture.Vgg19, VggWeightConventions.Caffe);
        var (styleLayers, contentLayer) = StyleDistanceMeter.GatysLayers;
        return new StyleDistanceMeter(vgg, styleLayers, contentLayer);
    }

    /// <summary>One row per photo and side of <paramref name="options"/> for one lite network, each also written to <paramref name="output"/>.</summary>
    internal static List<Row> Measure(LitePair pair, LiteQualityOptions options, StyleDistanceMeter meter, TextWriter output)
    {
        using var teacher = TransformerNet.FromPretrained(Path.Combine(Mirror(), "fast", pair.TeacherId + ".safetensors"), precision: ScalarType.BFloat16);
        using var student = TrainedStyleFile.LoadNetwork(pair.StudentPath, precision: ScalarType.BFloat16);
        var painting = ImageDecoder.DecodeFile(PaintingOf(ModelCatalog.LoadEmbedded(), pair.TeacherId));
        var rows = new List<Row>();
        foreach (var side in options.Sides)
            foreach (var name in options.Photos)
            {
                var row = Measure(name, side, teacher, student, painting, meter, options, pair.TeacherId);
                output.WriteLine(Invariant($"{pair.TeacherId} {row.Photo} {side}px: MAE {row.Mae:F1}, SSIM {row.Ssim:F3}, style {row.Full.Style:F3} → {row.Lite.Style:F3}, content {row.Full.Content:F3} → {row.Lite.Content:F3}"));
                rows.Add(row);
            }
        return rows;
    }

    /// <summary>Whether every row meets issue 22's quality targets.</summary>
    internal static bool MeetsTargets(IEnumerable<Row> rows) =>
        rows.All(x => x.Ssim >= SsimTarget && Math.Abs(x.StyleChange) <= DistanceTolerance && Math.Abs(x.ContentChange) <= DistanceTolerance);

    private static Row Measure(string name, int side, TransformerNet teacher, TransformerNet student, RgbImage painting, StyleDistanceMeter meter, LiteQualityOptions options, string styleId)
    {
        var photo = ImageResizer.FitWithin(ImageDecoder.DecodeFile(ContentPhoto(name)), side);
        var full = Paint(teacher, photo);
        var lite = Paint(student, photo);
        var stem = Path.GetFileNameWithoutExtension(name);
        if (name == options.PicturedPhoto && side == options.Sides.Max()) SaveSideBySide(full, lite, options, $"{styleId}-{stem}-full-vs-lite.jpg");
        var scaledPainting = ImageResizer.FitWithin(painting, side);
        return new Row(stem, side, MeanAbsoluteError(full, lite), Ssim.Measure(full, lite), meter.Measure(full, photo, scaledPainting), meter.Measure(lite, photo, scaledPainting));
    }

    private static RgbImage Paint(TransformerNet network, RgbImage photo)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = ImageTensors.ToTensor(photo, PixelScale.ZeroTo255).to(ScalarType.BFloat16);
        return ImageTensors.ToImage(network.forward(input).to(ScalarType.Float32), PixelScale.ZeroTo255);
    }

    private static double MeanAbsoluteError(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)sum / a.Pixels.Length;
    }

    /// <summary>The full network's picture left, the lite one's right, 8 white pixels between.</summary>
    private static void SaveSideBySide(RgbImage left, RgbImage right, LiteQualityOptions options, string name)
    {
        const int Gap = 8;
        var (width, height) = (left.Width * 2 + Gap, left.Height);
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        for (var y = 0; y < height; y++)
        {
            Array.Copy(left.Pixels, y * left.Width * 3, pixels, y * width * 3, left.Width * 3);
            Array.Copy(right.Pixels, y * right.Width * 3, pixels, (y * width + left.Width + Gap) * 3, right.Width * 3);
        }
        Directory.CreateDirectory(options.PicturesDirectory);
        File.WriteAllBytes(Path.Combine(options.PicturesDirectory, name), ImageEncoder.Encode(new RgbImage(width, height, pixels), EncodedFormat.Jpeg, 88));
    }

    private static string Header(LiteQualityOptions options) =>
        $"{Heading}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench lite-quality` on {MachineInfo.CpuModel()} " +
        $"({Environment.ProcessorCount} cores). Each lite network against its teacher on the {options.Photos.Count} content photos of " +
        $"../shared (none in the training set), longest side {string.Join(" and ", options.Sides)} px, both in bfloat16 as the fast path " +
        "paints. MAE in grey levels and SSIM (Wang et al. 2004, 11×11 Gaussian, per RGB channel) of the lite picture to the full one; " +
        "style distance (relative Gram error over VGG19 relu1_1…relu5_1 to the painting) and content distance (relu4_2, to the photo) " +
        $"of each, and the lite one's change. Targets: SSIM ≥ {SsimTarget:F2} on every photo, both distances within ±{DistanceTolerance:P0} " +
        "of the full network's.\n\n| lite network | side | MAE | SSIM mean | SSIM lowest | style full → lite | worst change | content full → lite | worst change | targets |\n" +
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";

    private static string Summary(LitePair pair, List<Row> rows, LiteQualityOptions options)
    {
        var text = new StringBuilder();
        foreach (var side in options.Sides)
        {
            var r = rows.Where(x => x.Side == side).ToList();
            var lowest = r.MinBy(x => x.Ssim)!;
            var worstStyle = r.MaxBy(x => Math.Abs(x.StyleChange))!;
            var worstContent = r.MaxBy(x => Math.Abs(x.ContentChange))!;
            var met = MeetsTargets(r);
            text.Append(Invariant($"| {Path.GetFileNameWithoutExtension(pair.StudentPath)} ({pair.TeacherId}) | {side} | {r.Average(x => x.Mae):F1} | {r.Average(x => x.Ssim):F3} | {lowest.Ssim:F3} ({lowest.Photo}) | "));
            text.Append(Invariant($"{r.Average(x => x.Full.Style):F3} → {r.Average(x => x.Lite.Style):F3} | {worstStyle.StyleChange:+0.0%;-0.0%} ({worstStyle.Photo}) | "));
            text.Append(Invariant($"{r.Average(x => x.Full.Content):F3} → {r.Average(x => x.Lite.Content):F3} | {worstContent.ContentChange:+0.0%;-0.0%} ({worstContent.Photo}) | {(met ? "met" : "**missed**")} |\n"));
        }
        return text.ToString();
    }

    private static string Pictures(LiteQualityOptions options)
    {
        var folder = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(options.Markdown))!, options.PicturesDirectory);
        return $"\nThe full network's picture (left) and the lite one's (right) of {options.PicturedPhoto} at {options.Sides.Max()} px are in " +
            $"`{folder}/<style>-{Path.GetFileNameWithoutExtension(options.PicturedPhoto)}-full-vs-lite.jpg` (shown in docs/lite.md).\n\n";
    }

    private static string Details(LitePair pair, List<Row> rows)
    {
        var text = new StringBuilder(Invariant($"<details><summary>{pair.TeacherId}: every photo</summary>\n\n| photo | side | MAE | SSIM | style full | style lite | content full | content lite |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"));
        foreach (var r in rows)
            text.Append(Invariant($"| {r.Photo} | {r.Side} | {r.Mae:F1} | {r.Ssim:F3} | {r.Full.Style:F3} | {r.Lite.Style:F3} | {r.Full.Content:F3} | {r.Lite.Content:F3} |\n"));
        return text.Append("\n</details>\n\n").ToString();
    }

    private static string PaintingOf(ModelCatalog catalogue, string styleId)
    {
        var image = catalogue.Models.FirstOrDefault(m => m.Id == styleId)?.Painting?.Image
            ?? throw new ArgumentException($"The catalogue has no painting for '{styleId}'.");
        var entry = catalogue.Models.First(m => m.Id == image);
        return Path.Combine(Mirror(), "..", "images", "styles", entry.FileName);
    }

    private static string ContentPhoto(string name) =>
        File.Exists(name) ? name : Path.Combine(Mirror(), "..", "images", "content", name);

    internal static string Mirror() =>
        HostPaths.DevelopmentMirror() ?? throw new FileNotFoundException("No ../shared/models mirror beside the repository.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
