using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Bench;

/// <summary>How far bfloat16 results drift from float32 on real photos, for every pretrained style.</summary>
internal sealed class FastQualityCheck(FastBenchmarkOptions options)
{
    public IReadOnlyList<QualityResult> Measure(TextWriter log)
    {
        var photos = BenchPhotos.Jpegs(options.ContentPhotos).Select(p => (Name: Path.GetFileName(p), Image: BenchPhotos.LoadFitted(p, options.QualitySide))).ToList();
        var results = new List<QualityResult>();
        foreach (var style in Styles())
        {
            using var stylizer = new FastStylizer(options.WeightsPath);
            foreach (var (name, image) in photos)
            {
                var mae = MeanAbsoluteError(Run(stylizer, image, style, ComputePrecision.Float32), Run(stylizer, image, style, ComputePrecision.BFloat16));
                results.Add(new QualityResult(style, name, mae));
                log.WriteLine($"  quality {style,-14} {name,-18} bfloat16 vs float32 MAE {mae:F3}");
            }
        }
        return results;
    }

    private IEnumerable<string> Styles() =>
        Directory.GetFiles(Path.GetDirectoryName(options.WeightsPath(options.Style))!, "*.safetensors")
            .Select(f => Path.GetFileNameWithoutExtension(f)!).Order();

    private RgbImage Run(FastStylizer stylizer, RgbImage image, string style, ComputePrecision precision) =>
        stylizer.Stylize(image, style, new FastStyleOptions { MaxSide = options.QualitySide, Precision = precision });

    public static double MeanAbsoluteError(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)sum / a.Pixels.Length;
    }
}
