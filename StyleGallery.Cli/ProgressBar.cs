namespace StyleGallery.Cli;

/// <summary>
/// A one-line progress bar redrawn in place on a terminal; on a redirected stream it prints a plain line at
/// most every few seconds so logs stay readable.
/// </summary>
public sealed class ProgressBar(TextWriter output, string label, int total, bool interactive)
{
    private const int Width = 28;
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly DateTime _started = DateTime.UtcNow;
    private DateTime _lastPlain = DateTime.MinValue;
    private int _lastPlainDone = -1;

    /// <param name="remaining">The job's own estimate of the time left, when it has one better than the pace so far.</param>
    public void Update(int done, string? detail = null, TimeSpan? remaining = null)
    {
        var fraction = total <= 0 ? 1 : Math.Clamp(done / (double)total, 0, 1);
        var line = $"{label} [{Bar(fraction)}] {done}/{total} {Eta(fraction, remaining)} {detail}".TrimEnd();
        if (interactive)
        {
            output.Write("\r" + line.PadRight(Console.IsOutputRedirected ? 0 : Math.Max(0, SafeWindowWidth() - 1)));
        }
        else if (done != _lastPlainDone && (DateTime.UtcNow - _lastPlain >= PlainInterval || done >= total))
        {
            // A job's states repeat its count (a preview, the finish); a log gets each count once.
            output.WriteLine(line);
            (_lastPlain, _lastPlainDone) = (DateTime.UtcNow, done);
        }
    }

    public void Finish()
    {
        if (interactive) output.WriteLine();
    }

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(fraction * Width);
        return new string('#', filled) + new string('.', Width - filled);
    }

    private string Eta(double fraction, TimeSpan? remaining)
    {
        if (fraction <= 0 || fraction >= 1) return "";
        var elapsed = DateTime.UtcNow - _started;
        var left = remaining ?? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction);
        return $"ETA {left:mm\\:ss}";
    }

    private static int SafeWindowWidth()
    {
        try { return Console.WindowWidth; }
        catch (IOException) { return 80; }
    }
}
