using System.Runtime.InteropServices;

namespace StyleGallery.Engine.Runtime;

/// <summary>
/// Gives the process's free native heap back to the system. libtorch and SkiaSharp allocate through glibc's malloc,
/// which keeps freed memory for reuse (more so with the huge pages <c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1</c> asks
/// for), so after a burst of large pictures the resident size would stay at the burst's peak. The engine calls
/// <see cref="Trim"/> when it falls idle: a few milliseconds, when nobody waits.
/// </summary>
internal static partial class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (musl): nothing to trim this way
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
