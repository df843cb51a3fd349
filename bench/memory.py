"""Peak resident memory of this process for the reference scripts."""


def peak_rss_mb():
    """VmHWM from /proc/self/status, in MB.

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a script started by the .NET benchmark would
    report the benchmark's own peak whenever it is the larger. VmHWM belongs to the address space exec made.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")
