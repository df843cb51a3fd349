using System.Globalization;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>--losses file.csv</c>: every iteration's losses, one line each, for plotting or comparing runs. Fed with every
/// state the command sees of its job; a state that repeats an iteration (a preview, the finish) adds no line.
/// </summary>
public sealed class LossLog : IDisposable
{
    public const string Header = "iteration,scale,elapsed_s,total,content,style,tv";

    private readonly StreamWriter _writer;
    private readonly int _iterationsPerScale;
    private int _lastIteration;

    private LossLog(string path, int iterationsPerScale)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path) { AutoFlush = false };
        _writer.WriteLine(Header);
        _iterationsPerScale = iterationsPerScale;
    }

    /// <summary>A log at <paramref name="path"/>, or null when none was asked for.</summary>
    /// <param name="iterationsPerScale">Iterations count on across scales; this tells which scale an iteration belongs to.</param>
    public static LossLog? Open(string? path, int iterationsPerScale) => path is null ? null : new LossLog(path, iterationsPerScale);

    public void Add(JobProgress? progress)
    {
        if (progress is not { Losses: { } losses } p || p.Step <= _lastIteration) return;
        _lastIteration = p.Step;
        _writer.WriteLine(string.Join(',', [
            p.Step.ToString(CultureInfo.InvariantCulture), ScaleOf(p.Step).ToString(CultureInfo.InvariantCulture),
            p.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            Number(losses.Total), Number(losses.Content), Number(losses.Style), Number(losses.TotalVariation)]));
    }

    /// <summary>1 for the first (coarsest) scale.</summary>
    private int ScaleOf(int iteration) => (iteration - 1) / _iterationsPerScale + 1;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _writer.Dispose();
}
