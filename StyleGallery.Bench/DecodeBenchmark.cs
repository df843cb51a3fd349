using System.Globalization;
using System.Text;
using SkiaSharp;
using StyleGallery.Engine.Imaging;

namespace StyleGallery.Bench;

/// <summary>
/// Issue 24, point 2, in this process: a burst of large flat PNGs (157 KB, 7000 × 7000, 49 MP) decoded at once, the way
/// uploads are, old path against new. Old: decoded whole, then <see cref="ImageResizer.FitWithin"/> (no budget). New:
/// <see cref="ImageDecoder.DecodeToFit"/> within the default <see cref="DecodeBudget"/>. Peak RSS (VmHWM, reset before
/// each) and RSS after a full collection are reported against RSS before.
/// </summary>
internal static class DecodeBenchmark
{
    public static int Run(int burst, int side, int maxSide, string? markdown, TextWriter log)
    {
        var png = FlatPng(side);
        log.WriteLine($"Decode: {burst} × {side}×{side} flat PNG ({png.Length / 1024} KB) to fit {maxSide} px.");
        var unlimited = new DecodeBudget(long.MaxValue);
        var budget = new DecodeBudget();
        var rows = new List<string>
        {
            Measure("new: `DecodeToFit`, default budget", burst, () => ImageDecoder.DecodeToFit(png, maxSide, budget: budget), log),
            Measure("old: `Decode` whole, then `FitWithin`", burst, () => ImageResizer.FitWithin(ImageDecoder.Decode(png, budget: unlimited), maxSide), log),
        };
        var md = new StringBuilder();
        md.AppendLine("## Decoding large uploads");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `stylegallery-bench decode` on {MachineInfo.CpuModel()} ({Environment.ProcessorCount} cores), `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"{burst} concurrent decodes of a {png.Length / 1024} KB single-colour {side}×{side} PNG ({side * (long)side / 1e6:0} MP) to fit {maxSide} px, in one process (Server GC off: the bench's default workstation GC). RSS in MB.");
        md.AppendLine();
        md.AppendLine("| path | RSS before | peak | peak rise | after (full GC) | left over | wall s |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) md.AppendLine(row);
        MarkdownSections.Publish(markdown, "## Decoding large uploads", md.ToString(), log);
        return 0;
    }

    private static string Measure(string name, int burst, Func<RgbImage> decode, TextWriter log)
    {
        Collect();
        var before = PeakMemory.CurrentMegabytes();
        PeakMemory.Reset();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sizes = Task.WhenAll(Enumerable.Range(0, burst).Select(_ => Task.Run(() => decode().Width))).GetAwaiter().GetResult();
        var wall = clock.Elapsed.TotalSeconds;
        var peak = PeakMemory.PeakMegabytes();
        Collect();
        var after = PeakMemory.CurrentMegabytes();
        log.WriteLine($"{name}: widths {string.Join(",", sizes)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {before:0} | {peak:0} | +{peak - before:0} | {after:0} | +{after - before:0} | {wall:0.0} |");
    }

    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(500);
    }

    private static byte[] FlatPng(int side)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(120, 50, 200));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
