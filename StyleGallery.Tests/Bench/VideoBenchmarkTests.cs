using System.Globalization;
using StyleGallery.Bench;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Bench;

/// <summary>The video benchmark at a toy size: it runs end to end and writes its row (the numbers are not asserted).</summary>
[Collection(TorchCollection.Name)]
public sealed class VideoBenchmarkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-video-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_tiny_run_writes_a_video_section_with_one_row_per_size()
    {
        var markdown = Path.Combine(_folder, "benchmarks.md");
        File.WriteAllText(markdown, "# Benchmarks\n\n## Fast style networks\n\nkept\n");
        var options = new VideoBenchmarkOptions { SharedRoot = SharedData.Root, Sides = [64, 96], Frames = 4, Repeats = 1, Markdown = markdown };

        var code = VideoBenchmark.Run(options, TextWriter.Null);

        Assert.Equal(0, code);
        var text = File.ReadAllText(markdown);
        Assert.Contains("kept", text);
        var rows = text.Split('\n').Where(l => l.StartsWith("| 64×36 |", StringComparison.Ordinal) || l.StartsWith("| 96×54 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(double.Parse(r.Split('|')[3], CultureInfo.InvariantCulture) > 0));
    }
}
