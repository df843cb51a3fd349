using System.Diagnostics;
using System.Globalization;
using System.Text;
using StyleGallery.Bench.Evaluation;
using StyleGallery.Engine.Gatys;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Networks;
using StyleGallery.Engine.Training;
using StyleGallery.Hosting;
using static TorchSharp.torch;

namespace StyleGallery.Bench;

/// <summary>
/// The training quality check of issue 5: for each trained style, held-out photos stylised by the trained network and by
/// Gatys et al.'s optimisation on the same pair, with both pictures' style distance to the painting and content distance
/// to the photo (<see cref="StyleDistanceMeter"/>, Gatys's VGG19 layers), written as pictures and a table.
/// </summary>
internal static class TrainedQualityBenchmark
{
    private const string Heading = "## Quality of trained styles";

    private sealed record Row(string Photo, StyleDistances PhotoItself, StyleDistances Fast, StyleDistances Gatys, double FastSeconds, double GatysSeconds);

    public static int Run(TrainedQualityOptions options, TextWriter output)
    {
        var vgg = VggWeightFile.Open(DevelopmentVgg19(), VggArchitecture.Vgg19, VggWeightConventions.Caffe);
        var (styleLayers, contentLayer) = StyleDistanceMeter.GatysLayers;
        using var meter = new StyleDistanceMeter(vgg, styleLayers, contentLayer);
        var gatys = new GatysStylizer(_ => new VggWeightSource(vgg.Path, vgg.Conventions));
        var report = new StringBuilder(Header(options));
        foreach (var pair in options.Pairs)
        {
            output.WriteLine($"{pair.StyleId}: {options.Photos.Count} photos at {options.Side} px");
            var rows = options.Photos.Select(photo => Measure(pair, photo, options, meter, gatys, output)).ToList();
            report.Append(Section(pair, rows, options));
        }
        MarkdownSections.Replace(options.Markdown, Heading, report.ToString());
        output.WriteLine($"Wrote {options.Markdown} and pictures under {options.PicturesDirectory}.");
        return ExitCodes.Ok;
    }

    private static Row Measure(TrainedPair pair, string photoName, TrainedQualityOptions options, StyleDistanceMeter meter, GatysStylizer gatys, TextWriter output)
    {
        var photo = ImageResizer.FitWithin(ImageDecoder.DecodeFile(ContentPhoto(photoName)), options.Side);
        var painting = ImageResizer.FitWithin(ImageDecoder.DecodeFile(pair.PaintingPath), options.Side);
        var (fast, fastSeconds) = Timed(() => RunTrainedNetwork(new UserStyles(options.ModelsDirectory).PathOf(pair.StyleId), photo));
        var gatysOptions = new GatysOptions { MaxSide = options.Side, Iterations = options.GatysIterations, Seed = 1 };
        var (optimised, gatysSeconds) = Timed(() => gatys.Stylize(photo, [new StyleInput(painting)], gatysOptions));
        var stem = Path.GetFileNameWithoutExtension(photoName);
        // The photo itself is not saved: the development photos' licences do not allow redistributing them.
        Save(fast, options, pair.StyleId, $"{stem}-fast.png");
        Save(optimised, options, pair.StyleId, $"{stem}-gatys.png");
        Save(painting, options, pair.StyleId, "painting.png");
        var row = new Row(stem, meter.Measure(photo, photo, painting), meter.Measure(fast, photo, painting), meter.Measure(optimised, photo, painting), fastSeconds, gatysSeconds);
        output.WriteLine($"  {stem}: style {row.PhotoItself.Style:F3} → fast {row.Fast.Style:F3}, gatys {row.Gatys.Style:F3}; content fast {row.Fast.Content:F3}, gatys {row.Gatys.Content:F3}");
        return row;
    }

    private static RgbImage RunTrainedNetwork(string path, RgbImage photo)
    {
        using var network = TrainedStyleFile.LoadNetwork(path);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var input = ImageTensors.ToTensor(photo, PixelScale.ZeroTo255);
        using var output = network.forward(input);
        return ImageTensors.ToImage(output, PixelScale.ZeroTo255);
    }

    private static (T Value, double Seconds) Timed<T>(Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var value = action();
        return (value, clock.Elapsed.TotalSeconds);
    }

    private static void Save(RgbImage image, TrainedQualityOptions options, string styleId, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(options.PicturesDirectory, styleId)).FullName;
        File.WriteAllBytes(Path.Combine(folder, name), ImageEncoder.Encode(image, EncodedFormat.Png));
    }

    private static string Header(TrainedQualityOptions options) =>
        $"{Heading}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench trained` on {MachineInfo.CpuModel()} " +
        $"({Environment.ProcessorCount} cores). Every picture has a {options.Side} px longest side. Style distance: mean over " +
        "VGG19 relu1_1…relu5_1 of ‖Ĝ(x) − Ĝ(painting)‖/‖Ĝ(painting)‖ with Ĝ = FFᵀ/M (relative Gram error, lower is more of the " +
        "painting's style); content distance: ‖F(x) − F(photo)‖/‖F(photo)‖ at relu4_2 (lower keeps more of the photo). " +
        $"Gatys: the engine's defaults (preset `gatys`), {options.GatysIterations} L-BFGS evaluations, seed 1. None of the photos is in " +
        "the training set.\n\n";

    private static string Section(TrainedPair pair, IReadOnlyList<Row> rows, TrainedQualityOptions options)
    {
        var text = new StringBuilder($"### {pair.StyleId} (painting `{Path.GetFileName(pair.PaintingPath)}`)\n\n");
        text.Append("| photo | style distance: photo itself | trained network | Gatys | content distance: trained network | Gatys | trained network s | Gatys s |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
            text.Append(Invariant($"| {r.Photo} | {r.PhotoItself.Style:F3} | {r.Fast.Style:F3} | {r.Gatys.Style:F3} | {r.Fast.Content:F3} | {r.Gatys.Content:F3} | {r.FastSeconds:F2} | {r.GatysSeconds:F0} |\n"));
        var folder = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(options.Markdown))!, Path.Combine(options.PicturesDirectory, pair.StyleId));
        text.Append(CultureInfo.InvariantCulture, $"\n![the painting]({folder}/painting.png)\n\n| photo (in ../shared/images/content, not redistributed) | trained network | Gatys |\n|---|---|---|\n");
        foreach (var r in rows)
            text.Append(CultureInfo.InvariantCulture, $"| {r.Photo} | ![{r.Photo}, trained network]({folder}/{r.Photo}-fast.png) | ![{r.Photo}, Gatys]({folder}/{r.Photo}-gatys.png) |\n");
        return text.Append('\n').ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string ContentPhoto(string name) =>
        File.Exists(name) ? name : Path.Combine(SharedImages(), "content", name);

    private static string SharedImages() =>
        Path.GetFullPath(Path.Combine(HostPaths.DevelopmentMirror() ?? throw new FileNotFoundException("No ../shared/models mirror: pass photo paths."), "..", "images"));

    private static string DevelopmentVgg19() =>
        Path.Combine(HostPaths.DevelopmentMirror() ?? "models", "vgg", "vgg19-imagenet.safetensors");
}
