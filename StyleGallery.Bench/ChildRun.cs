using System.Diagnostics;
using System.Text.Json;

namespace StyleGallery.Bench;

/// <summary>
/// Runs one measurement in a child process of this benchmark (so its peak RSS is its own) and reads the JSON line it
/// prints last.
/// </summary>
internal static class ChildRun
{
    public static T Json<T>(IEnumerable<string> arguments, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stylegallery-bench.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            log.WriteLine(stdout);
            log.WriteLine(stderr.Result);
            throw new InvalidOperationException($"{string.Join(' ', start.ArgumentList.Skip(1))} failed ({process.ExitCode}).");
        }
        return JsonSerializer.Deserialize<T>(line)!;
    }
}
