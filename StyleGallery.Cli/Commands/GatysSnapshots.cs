using StyleGallery.Engine.Client;

namespace StyleGallery.Cli.Commands;

/// <summary>
/// <c>--save-every N</c>: writes <c>out_0050.png</c>-style snapshots every N iterations. The optimisation publishes a
/// preview every N iterations (the command asks for exactly that), so the job's k-th preview is iteration k·N's.
/// The engine keeps only its newest preview: a snapshot fetched after the job has moved on shows a later iteration
/// than its name (only at toy sizes, where iterations take milliseconds).
/// </summary>
public sealed class GatysSnapshots(IStyleEngineClient engine, string jobId, string output, int? every)
{
    private int _saved;

    /// <summary>Saves the snapshots the job has reached in this state and not saved yet.</summary>
    public async Task SaveDueAsync(JobState state)
    {
        if (every is not > 0 || state.Progress is not { } p) return;
        var n = every.Value;
        // Both counts are needed: a state's preview version can be ahead of its iteration, or behind it.
        var reached = Math.Min(p.Step, state.PreviewVersion * n) / n * n;
        if (reached <= _saved) return;
        if (await engine.PreviewAsync(jobId, CancellationToken.None) is not { } preview) return;
        for (var step = _saved + n; step <= reached; step += n) ImageFiles.WritePng(preview, PathOf(step));
        _saved = reached;
    }

    private string PathOf(int step) =>
        Path.Combine(Path.GetDirectoryName(output) ?? "", $"{Path.GetFileNameWithoutExtension(output)}_{step:0000}{Path.GetExtension(output)}");
}
