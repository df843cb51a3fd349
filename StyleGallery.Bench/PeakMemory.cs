using System.Globalization;

namespace StyleGallery.Bench;

/// <summary>
/// Peak resident memory from /proc/self/status (VmHWM). Linux lets a process reset its high-water mark
/// (writing 5 to /proc/self/clear_refs), so each measurement gets its own peak without a child process.
/// </summary>
internal static class PeakMemory
{
    /// <summary>True when the peak could be reset, so readings are per measurement rather than the process maximum.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakMegabytes() => ReadKilobytes("VmHWM:") / 1024.0;
    public static double CurrentMegabytes() => ReadKilobytes("VmRSS:") / 1024.0;

    private static long ReadKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
