using System.Diagnostics;

namespace StyleGallery.Bench;

/// <summary>What the benchmark ran on, for the report's header.</summary>
internal static class MachineInfo
{
    public static string CpuModel()
    {
        var line = RunLscpu().Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal));
        return line?["Model name:".Length..].Trim() ?? "unknown CPU";
    }

    /// <summary>The 1-minute load average (<c>/proc/loadavg</c>): how busy the machine was besides the benchmark; NaN where unknown.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string RunLscpu()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("lscpu") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null) return "";
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
