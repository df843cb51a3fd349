using StyleGallery.Bench;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Bench;

/// <summary><c>bench lite --sizes</c> at toy sizes: it runs end to end and writes its section (the numbers are not asserted).</summary>
[Collection(TorchCollection.Name)]
public sealed class LiteBenchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-lite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Full_versus_lite_by_size_writes_a_row_per_size_and_network()
    {
        var markdown = Path.Combine(_folder, "benchmarks.md");
        File.WriteAllText(markdown, "# Benchmarks\n\n## Fast style networks\n\nkept\n");

        var code = await BenchApp.RunAsync(
            ["lite", "--sizes", "64x48,48x48", "--repeats", "1", "--teacher", SharedData.Fast("udnie"), "--markdown", markdown], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, code);
        var text = File.ReadAllText(markdown);
        Assert.Contains("kept", text);
        Assert.Contains("## Lite networks", text);
        var rows = text.Split('\n').Where(l => l.StartsWith("| 64×48 |", StringComparison.Ordinal) || l.StartsWith("| 48×48 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(2, rows.Count(r => r.Contains("| full |", StringComparison.Ordinal)));
        Assert.Contains(rows, r => r.Contains("faster", StringComparison.Ordinal) || r.Contains("slower", StringComparison.Ordinal) || r.Contains("| lite", StringComparison.Ordinal));
    }
}
