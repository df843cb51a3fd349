using System.Collections.Concurrent;
using System.Diagnostics;

namespace StyleGallery.Bench.Servers;

/// <summary>
/// One OS process of a test cluster (a web node or an engine worker), started from its project's build output with
/// settings in the environment, on ports fixed at construction so it can be killed and started again in the same place.
/// Its output is kept, so a test can see what it did ("Running job …").
/// </summary>
public sealed class NodeProcess(string name, string project, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    : IAsyncDisposable
{
    /// <summary>Every line of every node, numbered in the order they arrived, so lines of two nodes can be ordered.</summary>
    private static long s_lines;

    private readonly ConcurrentQueue<(long Number, string Text)> _output = new();
    private Process? _process;

    public string Name { get; } = name;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id (its memory is in /proc/&lt;id&gt;/status), or null.</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Everything the process wrote, all its lives.</summary>
    public string Output => string.Join('\n', _output.Select(l => l.Text));

    /// <summary>
    /// The number of the last line containing <paramref name="text"/> (numbers grow across all nodes, so the larger of
    /// two nodes' numbers is the later line), or -1.
    /// </summary>
    public long LastLineWith(string text) =>
        _output.Where(l => l.Text.Contains(text, StringComparison.Ordinal)).Select(l => l.Number).DefaultIfEmpty(-1).Max();

    public void Start()
    {
        var dll = BuildOutput(project);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Waits until <paramref name="text"/> appears in the output.</summary>
    /// <exception cref="InvalidOperationException">The process exited first.</exception>
    /// <exception cref="TimeoutException">It did not appear in time.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (!IsRunning) throw new InvalidOperationException($"{Name} exited before it wrote '{text}':\n{Tail()}");
            if (clock.Elapsed > within) throw new TimeoutException($"{Name} did not write '{text}' within {within}:\n{Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines).Select(l => l.Text));

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue((Interlocked.Increment(ref s_lines), line));
        while (_output.Count > 20_000) _output.TryDequeue(out _);
    }

    /// <summary>
    /// A project's own build output beside the running one's (same configuration and platform): the tests and the
    /// benchmarks start the web app and the worker they were built with.
    /// </summary>
    private static string BuildOutput(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = here; dir?.Parent is { } parent; dir = parent)
        {
            if (!File.Exists(Path.Combine(parent.FullName, "StyleGallery.sln"))) continue;
            var relative = Path.GetRelativePath(dir.FullName, here.FullName);
            var dll = Path.Combine(parent.FullName, project, relative, project + ".dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first.", dll);
        }
        throw new DirectoryNotFoundException("Not run from a build output inside the repository.");
    }
}
