using System.Globalization;
using StyleGallery.Engine.Jobs;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>--losses file.csv</c>: every iteration's losses, one line each, for plotting or comparing runs. Listens to every
/// progress event of the command's own engine (which runs that one job; the progress bar may skip some), on the
/// engine's delivery thread, from before the job is queued.
/// </summary>
public sealed class LossLog : IDisposable
{
    public const string Header = "iteration,scale,elapsed_s,total,content,style,tv";

    private readonly StreamWriter _writer;
    private readonly StyleEngine _jobs;

    private LossLog(string path, StyleEngine jobs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path) { AutoFlush = false };
        _writer.WriteLine(Header);
        _jobs = jobs;
        _jobs.JobChanged += OnChanged;
    }

    /// <summary>A log at <paramref name="path"/>, or null when none was asked for.</summary>
    public static LossLog? Open(string? path, StyleEngine jobs) => path is null ? null : new LossLog(path, jobs);

    private void OnChanged(object? sender, JobEvent e)
    {
        if (e.Kind != JobEventKind.Progress || e.Job.Progress is not { Metrics: { } m } p) return;
        lock (_writer)
            _writer.WriteLine(string.Join(',', [
                p.Step.ToString(CultureInfo.InvariantCulture), Number(m.GetValueOrDefault("scale", 1)),
                p.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                Number(m["total"]), Number(m["content"]), Number(m["style"]), Number(m["tv"])]));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _jobs.JobChanged -= OnChanged;
        lock (_writer) _writer.Dispose();
    }
}
