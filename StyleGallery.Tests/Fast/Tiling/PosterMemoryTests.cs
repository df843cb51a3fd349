using System.Diagnostics;
using System.Text.Json;
using StyleGallery.Bench;
using StyleGallery.Engine.Imaging;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Fast.Tiling;

/// <summary>
/// A picture larger than the memory limit allows whole is painted in tiles within it: a synthetic 2048 × 1536 photo
/// (whole, the network alone would take about 1 GB in bfloat16) under a 1000 MB limit, in a child process
/// (<c>stylegallery-bench poster-run</c>) whose peak RSS (VmHWM) is its own. Not timed.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PosterMemoryTests : IDisposable
{
    private const int LimitMegabytes = 1000;
    private readonly string _folder = Directory.CreateTempSubdirectory("sg-poster-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_large_picture_is_painted_in_tiles_within_the_memory_limit()
    {
        var photo = Path.Combine(_folder, "large.png");
        using (var file = File.Create(photo)) ImageEncoder.EncodeTo(TestImages.Gradient(2048, 1536), file, EncodedFormat.Png);
        var output = Path.Combine(_folder, "painted.jpg");

        var result = await RunAsync("--in", photo, "--memory", LimitMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, "--statistics", "Downscaled");

        Assert.True(result.Tiles > 1, $"a {result.Width}×{result.Height} picture should be tiled under {LimitMegabytes} MB");
        Assert.True(result.PeakMb < LimitMegabytes, $"peak RSS {result.PeakMb:F0} MB, limit {LimitMegabytes} MB");
        Assert.Equal((2048, 1536), (ImageDecoder.Probe(File.ReadAllBytes(output)).Width, ImageDecoder.Probe(File.ReadAllBytes(output)).Height));
    }

    private static async Task<PosterRunResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stylegallery-bench.dll"));
        foreach (var a in (string[])["poster-run", "--shared", SharedData.Root, .. args]) start.ArgumentList.Add(a);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return JsonSerializer.Deserialize<PosterRunResult>(output.Split('\n').Last(l => l.StartsWith('{')))!;
    }
}
