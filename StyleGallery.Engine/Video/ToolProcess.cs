using System.Diagnostics;
using System.Text;

namespace StyleGallery.Engine.Video;

/// <summary>
/// One ffmpeg or ffprobe process with its standard error drained in the background (a full stderr pipe would stall
/// it), keeping the last lines for the error message when it fails.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private const int KeptErrorLines = 8;
    private readonly Process _process;
    private readonly Queue<string> _errorTail = new();

    public ToolProcess(string tool, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => KeepErrorLine(e.Data);
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new VideoException($"Could not start {tool}: {e.Message}", e);
        }
        _process.BeginErrorReadLine();
    }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The last lines ffmpeg wrote to standard error, one line.</summary>
    public string ErrorTail
    {
        get { lock (_errorTail) return string.Join(" | ", _errorTail); }
    }

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Stops the process at once (cancellation, or the other end of the pipe failed).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void KeepErrorLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        lock (_errorTail)
        {
            _errorTail.Enqueue(line.Trim());
            if (_errorTail.Count > KeptErrorLines) _errorTail.Dequeue();
        }
    }

    /// <summary>Runs to the end and returns standard output as text.</summary>
    public static string RunForText(string tool, IEnumerable<string> arguments, out int exitCode, out string errorTail)
    {
        using var process = new ToolProcess(tool, arguments);
        var text = new StreamReader(process.Output, Encoding.UTF8).ReadToEnd();
        exitCode = process.WaitForExit();
        errorTail = process.ErrorTail;
        return text;
    }
}
